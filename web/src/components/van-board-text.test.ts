import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VanBoardRow } from '../../../server/contract';
import { setLang } from '../i18n';
import { ageText, etaCell, lateCell, stateCell, summaryText } from './van-board-text';

const row = (over: Partial<VanBoardRow> = {}): VanBoardRow => ({
  vehicleId: 'v1', name: '粤A-1', driverName: null, planId: 'p1', planDate: '2021-06-03', day: 'today', state: 'not_started',
  position: null, positionAgeS: null, silent: false,
  nextStop: { tripIndex: 0, stopIndex: 1, zoneId: 'z', zoneName: '区', zoneNameEn: 'Zone', location: [113, 23], plannedAt: '', etaAt: null, eta: '08:30' },
  minutesLate: 0, late: false, deliveredKg: 0, plannedKg: 30, stopsDone: 1, stopsFailed: 0, stopsTotal: 3, ...over,
});

// setLang marks <html lang>: a stand-in document is enough here.
function setLangForTest(lang: 'zh' | 'en'): void {
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  setLang(lang);
}
afterEach(() => setLangForTest('zh'));

describe('van board cells by plan day', () => {
  it('today: the ETA and how late, as before', () => {
    const late = row({ minutesLate: 150, late: true });
    expect(etaCell(late)).toEqual({ text: '08:30', label: 'board.eta' });
    expect(lateCell(late)).toEqual({ text: '晚 3 小时', label: 'board.late' });
    expect(lateCell(row()).text).toBe('准点');
    expect(stateCell(row())).toBe('未出发');
  });

  it('a day that is over: what was delivered, no ETA, not "not started"', () => {
    const past = row({ day: 'past', minutesLate: 0 });
    expect(etaCell(past)).toEqual({ text: '—', label: 'board.plannedAt' });
    expect(lateCell(past)).toEqual({ text: '6月3日已结束 · 已送达 1/3 站，未送 2 站', label: 'board.outcome' });
    expect(lateCell(row({ day: 'past', stopsDone: 3, nextStop: null })).text).toBe('6月3日已结束 · 3 站全部送达');
    expect(stateCell(past)).toBe('未完成');
    expect(stateCell(row({ day: 'past', state: 'done' }))).toBe('已完成');
    setLangForTest('en');
    expect(lateCell(past).text).toBe('3 Jun is over · 1 of 3 stops delivered, 2 not');
  });

  it('a day to come: the planned time and the day it runs', () => {
    const future = row({ day: 'future', planDate: '2027-01-09' });
    expect(etaCell(future)).toEqual({ text: '计划 08:30', label: 'board.plannedAt' });
    expect(lateCell(future)).toEqual({ text: '1月9日执行，尚未开始', label: 'board.planDay' });
    setLangForTest('en');
    expect(etaCell(future).text).toBe('planned 08:30');
  });

  it('summary: late and silent only among vans on their day, days over and to come with their dates', () => {
    expect(summaryText([row({ late: true }), row({ silent: true })])).toBe('2 辆车 · 晚点 1 · 失联 1');
    expect(summaryText([row({ day: 'past' }), row({ day: 'past', planDate: '2021-06-04', stopsDone: 0 })]))
      .toBe('2 辆车 · 计划日已过（6月3日、6月4日）：已送达 1/6 站');
    expect(summaryText([row(), row({ day: 'past', stopsDone: 2 })])).toBe('2 辆车 · 晚点 0 · 失联 0 · 计划日已过（6月3日）1 辆：已送达 2/3 站');
    expect(summaryText([row({ late: true }), row({ day: 'future', planDate: '2027-01-09' })])).toBe('2 辆车 · 晚点 1 · 失联 0 · 计划日未到（1月9日）1 辆');
  });

  it('a fix from days ago is counted in days, not thousands of hours', () => {
    expect(ageText(3 * 86_400)).toBe('3 天前');
    expect(ageText(5 * 3600)).toBe('5 小时前');
  });
});
