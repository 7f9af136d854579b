import type { Services } from '../../services';
import { AppError } from '../../services/errors';
import { SESSION_COOKIE } from '../../contract';
import { clientIp } from '../auth-middleware';
import { route } from '../route-def';
import { loginInputSchema } from '../schemas';

/** How the session cookie is marked: Strict keeps it off every request another site starts; Secure when served over HTTPS. */
export interface SessionCookieOptions {
  maxAgeS: number;
  secure: boolean;
}

export function sessionRoutes(services: Services, cookie: SessionCookieOptions) {
  return [
    route({
      key: 'POST /api/sessions', summary: 'Log in with a password; sets the session cookie and returns a bearer token',
      roles: 'public', body: loginInputSchema, successStatus: 201,
      async handler({ body, req, res }) {
        const result = await services.auth.login(body.username, body.password, { ip: clientIp(req) });
        res.cookie(SESSION_COOKIE, result.token, {
          httpOnly: true, sameSite: 'strict', secure: cookie.secure, maxAge: cookie.maxAgeS * 1000, path: '/',
        });
        return result;
      },
    }),
    route({
      key: 'DELETE /api/sessions/current', summary: 'Log out: revoke the current session',
      roles: ['coordinator', 'district_official', 'driver'],
      async handler({ actor, token, res }) {
        if (!token) throw new AppError('UNAUTHENTICATED', 'no session to revoke');
        await services.auth.logout(token, actor!);
        res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure });
        return { revoked: true as const };
      },
    }),
    route({
      key: 'GET /api/me', summary: 'The logged-in user', roles: ['coordinator', 'district_official', 'driver'],
      handler: async ({ actor }) => actor!,
    }),
  ];
}
