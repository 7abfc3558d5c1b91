import { Items } from './items';
import { MediumRegistry, Person } from './medium-registry';
import { Space } from './space';

/** What a medium file starts from: the registry, a space of its own, its items, root, and its own regulators. */
export interface World {
  r: MediumRegistry;
  s: Space;
  items: Items;
  root: Person;
  /** The regulators asked for, in order, each enrolled by root and the bootstrap pair. */
  regulators: Person[];
}

export async function startWorld(...regulatorNames: string[]): Promise<World> {
  const r = await MediumRegistry.start();
  const s = await Space.claim(r);
  const regulators: Person[] = [];
  for (const name of regulatorNames) regulators.push(await s.regulator(name));
  return { r, s, items: new Items(r), root: r.root, regulators };
}
