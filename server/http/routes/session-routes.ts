import type { Services } from '../../services';
import { AppError } from '../../services/errors';
import { SESSION_COOKIE } from '../../contract';
import { route } from '../route-def';
import { loginInputSchema } from '../schemas';

export function sessionRoutes(services: Services, cookieMaxAgeS: number) {
  return [
    route({
      key: 'POST /api/sessions', summary: 'Log in with a password; sets the session cookie and returns a bearer token',
      roles: 'public', body: loginInputSchema, successStatus: 201,
      async handler({ body, res }) {
        const result = await services.auth.login(body.username, body.password);
        res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', maxAge: cookieMaxAgeS * 1000, path: '/' });
        return result;
      },
    }),
    route({
      key: 'DELETE /api/sessions/current', summary: 'Log out: revoke the current session',
      roles: ['coordinator', 'district_official', 'driver'],
      async handler({ actor, token, res }) {
        if (!token) throw new AppError('UNAUTHENTICATED', 'no session to revoke');
        await services.auth.logout(token, actor!);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { revoked: true as const };
      },
    }),
    route({
      key: 'GET /api/me', summary: 'The logged-in user', roles: ['coordinator', 'district_official', 'driver'],
      handler: async ({ actor }) => actor!,
    }),
  ];
}
