// test/bench/prng.ts
// The one seeded PRNG of the benchmarks and the seeded tests (mulberry32): the same seed gives
// the same inputs on every run, so a benchmark set is reproducible and a fuzz case replayable.

/** A generator of numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
