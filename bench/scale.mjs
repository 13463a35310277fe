// Scales a scenario object: every agent group's count and every arrival rate
// by the same factor (so utilisation stays about the same), and the goal
// horizon to a given count.
export function scaleScenario(scenario, { agents, goals }) {
  const s = structuredClone(scenario);
  const total = s.population.reduce((sum, g) => sum + g.count, 0);
  const factor = agents / total;
  let assigned = 0;
  s.population.forEach((g, i) => {
    g.count = i === s.population.length - 1 ? agents - assigned : Math.max(1, Math.round(g.count * factor));
    assigned += g.count;
  });
  if (s.arrivals.process === 'poisson') s.arrivals.rate *= factor;
  else if (s.arrivals.process === 'schedule') for (const seg of s.arrivals.segments) seg.rate *= factor;
  s.horizon = { ...s.horizon, goals, warmupGoals: Math.min(s.horizon.warmupGoals ?? 0, Math.floor(goals / 10)) };
  return s;
}
