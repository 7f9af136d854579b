import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../web/src/i18n/en';
import { zh } from '../web/src/i18n/zh';
import { DEFAULT_TIER_RULES } from './domain/tiers';
import type { DailyReport } from './contract/playbook';
import { reportCsv } from './domain/daily-report';

// One glossary: the tier configuration names each tier once per language. The pages once called the
// sealed tier 封控区 and the controlled tier 管控区 while the CSV said 封闭区 / 封控区.
const ROOTS = ['server', 'web/src', 'scripts', 'migrations'];
const WRONG = ['管控区', '封控区域'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|html|css)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('tier glossary', () => {
  it('the UI tables name each tier as the tier configuration does', () => {
    for (const rule of DEFAULT_TIER_RULES) {
      expect(zh[`tier.${rule.tier}` as keyof typeof zh]).toBe(rule.nameZh);
      expect(en[`tier.${rule.tier}` as keyof typeof en]).toBe(rule.nameEn);
    }
  });

  it('no source file uses a tier word outside the glossary', () => {
    const hits: string[] = [];
    for (const file of ROOTS.flatMap(sources)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => { for (const w of WRONG) if (line.includes(w)) hits.push(`${file}:${i + 1}: ${w}`); });
    }
    expect(hits).toEqual([]);
  });

  it("no UI text gives a tier's name to something else (each Chinese tier word is only its tier's label)", () => {
    const tierWords = DEFAULT_TIER_RULES.map((r) => r.nameZh);
    const misuse = Object.entries(zh).filter(([key, text]) => !key.startsWith('tier.') && tierWords.some((w) => text.includes(w)));
    expect(misuse).toEqual([]);
  });

  it('the daily CSV names tiers with the configured words', () => {
    const report: DailyReport = {
      date: '2021-06-01', districtId: null, zonesSealed: 2, zonesByTier: { sealed: 1, controlled: 1 }, peopleCovered: 0, tonnesDelivered: {},
      minDaysOfCover: null, requestsReceived: 0, requestsResolved: 0, medianResolveS: null, alertsByColour: { yellow: 0, orange: 0, red: 0 },
    };
    const names = new Map(DEFAULT_TIER_RULES.map((r) => [r.tier, r.nameZh] as const));
    const csv = reportCsv(report, names);
    expect(csv).toContain('封闭区,1');
    expect(csv).toContain('封控区,1');
    for (const w of WRONG) expect(csv).not.toContain(w);
  });
});
