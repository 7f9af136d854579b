import type { Role, User } from '../../server/contract';
import { ApiFailure, request } from './api';
import { clearApiCache } from './driver/sw-register';

export type PagePath = '/login' | '/coordinator' | '/district' | '/driver' | '/ops';

const HOME: Record<Role, PagePath> = {
  coordinator: '/coordinator',
  district_official: '/district',
  driver: '/driver',
};

let current: User | null = null;

export function homeFor(role: Role): PagePath {
  return HOME[role];
}

export function currentUser(): User | null {
  return current;
}

/** The logged-in user, or null when there is no valid session. */
export async function loadMe(): Promise<User | null> {
  try {
    current = await request('GET /api/me');
  } catch (err) {
    if (err instanceof ApiFailure && err.code === 'UNAUTHENTICATED') current = null;
    else throw err;
  }
  return current;
}

export async function login(username: string, password: string): Promise<User> {
  const result = await request('POST /api/sessions', { body: { username, password } });
  current = result.user;
  return result.user;
}

export async function logout(): Promise<void> {
  try {
    await request('DELETE /api/sessions/current');
  } catch (err) {
    if (!(err instanceof ApiFailure && err.code === 'UNAUTHENTICATED')) throw err;
  } finally {
    current = null;
    await clearApiCache();
  }
}
