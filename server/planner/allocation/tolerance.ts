/**
 * The allocation's one tolerance, absolute in kg: amounts at or below a microgram (1e-9 kg) are
 * rounding noise. It is absolute, not relative to a part's size, so a gram-size demand next to tonnes
 * keeps its share (a relative cutoff of 1e-11 × 1e7 kg threw away 0.1 g flows). A microgram stays above
 * float64 rounding for sums up to ~4,500 t (2.2e-16 × 4.5e6 kg ≈ 1e-9 kg); the allocation sums per part
 * (one commodity's connected zones and depots): the 2,000-zone bench city's largest is 1,272 t.
 * Demands and stocks at or below this are treated as none.
 */
export const TOLERANCE_KG = 1e-9;
