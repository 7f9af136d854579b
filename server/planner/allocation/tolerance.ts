/**
 * The allocation's one tolerance, absolute in kg: amounts at or below a milligram are rounding
 * noise. It is absolute, not relative to a part's size, so a gram-size demand next to tonnes keeps
 * its share (a relative cutoff of 1e-11 × 1e7 kg threw away 0.1 g flows). One mg stays above float64
 * rounding for totals up to ~1e9 kg (2.2e-16 × 1e9 = 2e-7 kg), far beyond a city's daily supply.
 * Demands below this are treated as none.
 */
export const TOLERANCE_KG = 1e-9;
