import type { VanBoard, VanBoardChangedEvent, VanBoardRow } from '../../../server/contract';
import { sortBoard } from '../../../server/contract/van-board-order';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { getLang, t } from '../i18n';
import type { LiveLink } from '../live/live-link';
import { messageBox } from './messages';
import { ageText, etaCell, lateCell, stateCell, summaryText } from './van-board-text';

/** A publish or a reconnect comes with a burst of events: one re-read per this window. */
const REFETCH_MS = 400;
/** Ages ("20 s ago") tick on without a read. */
const TICK_MS = 10_000;

/**
 * The van board: one row per van of the published plan, late and silent vans first. Read once
 * (GET /api/vans/board, again on reconnect and publish), then kept by the rows the server pushes
 * (vans:board) as vans move and deliver. Clicking a van shows it on the map.
 */
export function vanBoard(options: { link: LiveLink; onPick(row: VanBoardRow): void }): { el: HTMLElement; dispose(): void } {
  const message = messageBox('board-message');
  const summary = h('p', { class: 'muted', 'data-testid': 'board-summary' });
  const body = h('tbody');
  const table = h('table', { class: 'van-board', 'data-testid': 'van-board' },
    h('caption', { class: 'sr-only' }, t('board.title')),
    h('thead', null, h('tr', null,
      [t('board.van'), t('board.driver'), t('board.state'), t('board.position'), t('board.next'), t('board.eta'), t('board.late'), t('board.kg')]
        .map((label) => h('th', { scope: 'col' }, label)))),
    body);
  const el = h('section', { class: 'van-board-panel', 'data-testid': 'van-board-panel', 'aria-label': t('board.title') },
    h('h4', null, t('board.title')), summary, message.el, h('div', { class: 'table-scroll' }, table));
  let board: VanBoard | null = null;
  /** Server time of the board's newest state: a push older than a read is stale. */
  let boardAtMs = 0;
  /** Each row's local receipt time: its position age runs on from there. */
  const receivedAt = new Map<string, number>();
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let again = false;

  function row(r: VanBoardRow, nowMs: number): HTMLElement {
    const extraS = Math.max(0, Math.round((nowMs - (receivedAt.get(r.vehicleId) ?? nowMs)) / 1000));
    const ageS = r.positionAgeS === null ? null : r.positionAgeS + extraS;
    const zone = r.nextStop ? (getLang() === 'en' ? r.nextStop.zoneNameEn : r.nextStop.zoneName) : '—';
    const eta = etaCell(r);
    const late = lateCell(r);
    return h('tr', {
      'data-testid': 'van-row', 'data-vehicle-id': r.vehicleId, 'data-state': r.state, 'data-late': String(r.late), 'data-silent': String(r.silent),
      'data-day': r.day, class: r.late ? 'van-late' : r.silent ? 'van-silent' : r.day === 'past' ? 'van-past' : null,
    },
    h('th', { scope: 'row' }, h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'van-pick', 'aria-label': t('board.showOnMap', { name: r.name }),
      onclick: () => options.onPick(r),
    }, r.name)),
    h('td', { 'data-label': t('board.driver') }, r.driverName ?? '—'),
    h('td', { 'data-testid': 'van-state', 'data-label': t('board.state') }, stateCell(r)),
    h('td', { 'data-testid': 'van-age', 'data-label': t('board.position') }, ageText(ageS), r.silent ? h('span', { class: 'badge badge-warn' }, ` ${t('board.silent')}`) : null),
    h('td', { 'data-testid': 'van-next', 'data-label': t('board.next') }, zone),
    h('td', { 'data-testid': 'van-eta', 'data-label': t(eta.label) }, eta.text),
    h('td', { 'data-testid': 'van-late', 'data-label': t(late.label) }, late.text),
    h('td', { 'data-testid': 'van-kg', 'data-label': t('board.kg') }, `${r.deliveredKg} / ${r.plannedKg}`));
  }

  function render(): void {
    if (!board) return;
    const nowMs = Date.now();
    summary.textContent = summaryText(board.vans);
    replaceChildren(body, board.vans.length === 0
      ? h('tr', null, h('td', { colspan: 8, class: 'muted' }, t('board.empty')))
      : board.vans.map((r) => row(r, nowMs)));
    el.dataset.vans = String(board.vans.length);
  }

  // One read at a time; events during a read ask for one more after it (the newest state wins).
  async function read(): Promise<void> {
    if (reading) { again = true; return; }
    reading = true;
    try {
      const next = await request('GET /api/vans/board');
      if (disposed) return;
      board = next;
      boardAtMs = Date.parse(next.at);
      const readAt = Date.now();
      receivedAt.clear();
      for (const r of next.vans) receivedAt.set(r.vehicleId, readAt);
      message.clear();
      render();
    } catch (err) {
      if (!disposed) message.error(err);
    } finally {
      reading = false;
      if (again && !disposed) { again = false; soon(); }
    }
  }

  function soon(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => { timer = undefined; void read(); }, REFETCH_MS);
  }

  /** The rows that changed since the last push, as the server saw them at `at`. */
  function apply(event: VanBoardChangedEvent): void {
    const at = Date.parse(event.at);
    if (!board || disposed || at < boardAtMs) return;
    boardAtMs = at;
    const byId = new Map(board.vans.map((r) => [r.vehicleId, r]));
    const now = Date.now();
    for (const r of event.vans) { byId.set(r.vehicleId, r); receivedAt.set(r.vehicleId, now); }
    for (const id of event.removed) { byId.delete(id); receivedAt.delete(id); }
    board = { at: event.at, vans: sortBoard([...byId.values()]) };
    render();
  }

  options.link.on('vans:board', apply);
  // A push missed while disconnected, or a new plan: read the whole board again.
  options.link.on('plan:published', soon);
  options.link.onResync(soon);
  const ticker = setInterval(render, TICK_MS);
  void read();
  return { el, dispose() { disposed = true; clearTimeout(timer); clearInterval(ticker); } };
}
