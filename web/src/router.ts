import type { User } from '../../server/contract';
import { setUnauthenticatedHandler } from './api';
import { replaceChildren } from './dom';
import { getLang, onLangChange } from './i18n';
import { homeFor, loadMe, type PagePath } from './session';
import { loadTierNames } from './zones/tier-names';

export interface Page {
  el: HTMLElement;
  /** Releases the map and timers when the page is left. */
  dispose?(): void;
  /** Runs once the element is in the document (maps need their size); sets `data-ready` on `el` when loaded. */
  mounted?(): void;
}

export interface PageContext {
  user: User | null;
  navigate(path: PagePath): void;
}

export type PageFactory = (ctx: PageContext) => Page;

const PATHS: readonly PagePath[] = ['/login', '/coordinator', '/district', '/driver', '/ops'];

/** A tiny path router: the server answers every non-API path with the app shell. */
/** Login-free pages by path (the residents' request page /r/<zoneId>): a page, or null when the path is not one. */
export type PublicPages = (pathname: string) => Page | null;

export function startRouter(root: HTMLElement, pages: Record<PagePath, PageFactory>, publicPages: PublicPages = () => null): void {
  let page: Page | null = null;
  let rendering = 0;

  function navigate(path: PagePath): void {
    if (location.pathname !== path) history.pushState(null, '', path);
    void render();
  }

  async function render(): Promise<void> {
    const ticket = ++rendering;
    const open = publicPages(location.pathname);
    if (open) {
      page?.dispose?.();
      page = open;
      page.el.dataset.page = 'public';
      page.el.dataset.lang = getLang();
      replaceChildren(root, page.el);
      page.mounted?.();
      return;
    }
    const asked = PATHS.find((p) => p === location.pathname) ?? null;
    const [user] = await Promise.all([loadMe().catch(() => null), loadTierNames()]);
    if (ticket !== rendering) return;
    let path: PagePath;
    if (!user) path = '/login';
    else if (asked === '/login' || asked === null) path = homeFor(user.role);
    else path = asked === homeFor(user.role) || (asked === '/ops' && user.role !== 'driver') ? asked : homeFor(user.role);
    if (location.pathname !== path) history.replaceState(null, '', path);
    page?.dispose?.();
    page = pages[path]({ user, navigate });
    page.el.dataset.page = path.slice(1);
    page.el.dataset.lang = getLang();
    replaceChildren(root, page.el);
    page.mounted?.();
  }

  setUnauthenticatedHandler(() => navigate('/login'));
  window.addEventListener('popstate', () => void render());
  onLangChange(() => void render());
  void render();
}
