// Pure parameters of the campaign demo: per commune, a subscriber count and the coverage at the start and the
// end of 60 days (Hà Nội normalized to start near 47.6% and reach 60%), from a seeded PRNG (reproducible).

/** mulberry32: a small deterministic PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoCommune {
  code: string;
  province: string;
  subscribers: number;
  /** Coverage (share of subscribers with a confirmed phone) at the start and end of the period. */
  startCoverage: number;
  endCoverage: number;
  /** Installs with phone / installs. */
  phoneShare: number;
  /** Active devices / installs on a weekday. */
  activeShare: number;
}

/** The city whose figures start near 47.6% and reach 60%. */
export const DEMO_CITY = "01";
export const DEMO_CITY_START = 0.4762;
export const DEMO_CITY_END = 0.6015;

/** Parameters of every commune; the demo city's coverage is scaled to the start and end figures exactly. */
export function demoCommunes(
  communes: readonly { code: string; province: string }[],
  seed = 20250801,
): DemoCommune[] {
  const random = seededRandom(seed);
  const provinceLevel = new Map<string, number>();
  const out = communes.map((c): DemoCommune => {
    if (!provinceLevel.has(c.province)) provinceLevel.set(c.province, 0.22 + random() * 0.26);
    const city = c.province === DEMO_CITY;
    const subscribers = Math.round(city ? 60_000 + random() * 70_000 : 12_000 + random() * random() * 90_000);
    const start = city ? 0.4 + random() * 0.15 : provinceLevel.get(c.province)! * (0.8 + random() * 0.4);
    const gain = city ? 0.1 + random() * 0.05 : 0.03 + random() * 0.1;
    return {
      code: c.code,
      province: c.province,
      subscribers,
      startCoverage: start,
      endCoverage: start + gain,
      phoneShare: 0.78 + random() * 0.12,
      activeShare: 0.55 + random() * 0.15,
    };
  });
  const city = out.filter((c) => c.province === DEMO_CITY);
  const weighted = (f: (c: DemoCommune) => number) =>
    city.reduce((s, c) => s + f(c) * c.subscribers, 0) / city.reduce((s, c) => s + c.subscribers, 0);
  const startScale = DEMO_CITY_START / weighted((c) => c.startCoverage);
  const endScale = DEMO_CITY_END / weighted((c) => c.endCoverage);
  for (const c of city) {
    c.startCoverage *= startScale;
    c.endCoverage *= endScale;
  }
  return out;
}
