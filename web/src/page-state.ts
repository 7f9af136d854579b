// A page's state lives in its URL's query (tab, filters): a language switch re-renders the page from
// the URL, a reload or a shared link opens the same view, and the back button is left alone (replace).

export function readState(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Sets (or, with '' / null, removes) one query parameter of the current URL without a navigation. */
export function writeState(name: string, value: string | null): void {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
