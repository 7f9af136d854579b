import type { VanBoardRow } from '../../../server/contract';
import { getLang, t, tOr, type MessageKey } from '../i18n';
import { dayLabel } from '../plans/plan-format';

// What the van board says in a row's state, ETA and lateness cells, and in its summary. Lateness, ETAs and
// silence mean something only while a van's plan day runs (row.day, the server's clock): before it the
// board shows the plan's times, after it what was delivered.

/** A cell's words and, for the phone's stacked rows, the label it goes under. */
export interface Cell { text: string; label: MessageKey }

/** "晚 2897427 分" reads as noise: past two hours in hours, past two days in days. */
export function lateText(minutes: number): string {
  if (minutes < 120) return t('board.lateMin', { n: minutes });
  if (minutes < 2880) return t('board.lateH', { n: Math.round(minutes / 60) });
  return t('board.lateDays', { n: Math.round(minutes / 1440) });
}

export function ageText(seconds: number | null): string {
  if (seconds === null) return t('board.never');
  if (seconds < 90) return t('board.ageS', { n: seconds });
  if (seconds < 5400) return t('board.ageMin', { n: Math.round(seconds / 60) });
  if (seconds < 172_800) return t('board.ageH', { n: Math.round(seconds / 3600) });
  return t('board.ageD', { n: Math.round(seconds / 86_400) });
}

/** A van of a day that is over and not done did not finish: "not started" would say it still might. */
export function stateCell(r: VanBoardRow): string {
  if (r.day === 'past' && r.state !== 'done' && r.state !== 'broken_down') return t('board.unfinished');
  return tOr(`van.state.${r.state}`, r.state);
}

export function etaCell(r: VanBoardRow): Cell {
  if (!r.nextStop) return { text: '—', label: 'board.eta' };
  if (r.day === 'today') return { text: r.nextStop.eta, label: 'board.eta' };
  // After the day an arrival time to come is meaningless; before it, the plan's time is the one to go by.
  return r.day === 'future' ? { text: t('board.planned', { time: r.nextStop.eta }), label: 'board.plannedAt' } : { text: '—', label: 'board.plannedAt' };
}

export function lateCell(r: VanBoardRow): Cell {
  if (r.day === 'past') {
    const left = r.stopsTotal - r.stopsDone;
    return {
      text: `${t('board.dayOver', { date: dayLabel(r.planDate) })} · ${left === 0 ? t('board.allDelivered', { total: r.stopsTotal }) : t('board.delivered', { done: r.stopsDone, total: r.stopsTotal, left })}`,
      label: 'board.outcome',
    };
  }
  if (r.day === 'future') return { text: t('board.dayAhead', { date: dayLabel(r.planDate) }), label: 'board.planDay' };
  return { text: r.nextStop ? (r.minutesLate > 0 ? lateText(r.minutesLate) : t('board.onTime')) : '—', label: 'board.late' };
}

/** Each day's label once, in date order. */
function dates(rows: readonly VanBoardRow[]): string {
  return [...new Set(rows.map((r) => r.planDate))].sort().map(dayLabel).join(getLang() === 'en' ? ', ' : '、');
}

/** Vans, late and silent among those on today's plan, then vans of a day that is over (stops delivered of all) or to come. */
export function summaryText(vans: readonly VanBoardRow[]): string {
  const today = vans.filter((v) => v.day === 'today');
  const past = vans.filter((v) => v.day === 'past');
  const future = vans.filter((v) => v.day === 'future');
  const parts = [today.length > 0
    ? t('board.summary', { n: vans.length, late: today.filter((v) => v.late).length, silent: today.filter((v) => v.silent).length })
    : t('board.vans', { n: vans.length })];
  if (past.length > 0) {
    // Every van on a day that is over (the demo read later): the count is said once.
    parts.push(t(past.length === vans.length ? 'board.summaryPastAll' : 'board.summaryPast', {
      n: past.length, dates: dates(past),
      done: past.reduce((a, v) => a + v.stopsDone, 0), total: past.reduce((a, v) => a + v.stopsTotal, 0),
    }));
  }
  if (future.length > 0) parts.push(t('board.summaryFuture', { n: future.length, dates: dates(future) }));
  return parts.join(' · ');
}
