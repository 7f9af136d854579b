import './styles.css';
import { getLang } from './i18n';
import { coordinatorPage } from './pages/coordinator-page';
import { districtPage } from './pages/district-page';
import { driverPage } from './pages/driver-page';
import { loginPage } from './pages/login-page';
import { startRouter } from './router';
import { opsPage } from './pages/ops-page';
import { publicRequestPage } from './pages/public-request-page';

document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
startRouter(document.getElementById('app')!, {
  '/login': loginPage,
  '/coordinator': coordinatorPage,
  '/district': districtPage,
  '/driver': driverPage,
  '/ops': opsPage,
}, (pathname) => {
  const m = /^\/r\/([^/]+)\/?$/.exec(pathname);
  return m ? publicRequestPage(decodeURIComponent(m[1]!)) : null;
});
