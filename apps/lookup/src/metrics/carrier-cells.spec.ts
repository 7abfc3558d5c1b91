import { CarrierCells } from './lookup-metrics';

const cell = { observe: () => undefined } as never;
const HOUR = 3_600_000;

describe('CarrierCells branded tallies', () => {
  it('counts per organization and hour, and hands each answer over exactly once', () => {
    const cells = new CarrierCells('VIETTEL', cell);
    const t0 = 10 * HOUR + 5_000;
    cells.brandedFor('MIC', t0);
    cells.brandedFor('MIC', t0 + 1_000);
    cells.brandedFor('MOF', t0 + 2_000);
    cells.brandedFor('MIC', 11 * HOUR + 1); // the next hour starts a new tally
    const taken = cells.takeBranded();
    expect(taken).toEqual(
      expect.arrayContaining([
        { organizationCode: 'MIC', hour: 10 * HOUR, answers: 2, firstAt: t0, lastAt: t0 + 1_000 },
        { organizationCode: 'MOF', hour: 10 * HOUR, answers: 1, firstAt: t0 + 2_000, lastAt: t0 + 2_000 },
        { organizationCode: 'MIC', hour: 11 * HOUR, answers: 1, firstAt: 11 * HOUR + 1, lastAt: 11 * HOUR + 1 },
      ]),
    );
    expect(taken).toHaveLength(3);
    expect(cells.takeBranded()).toEqual([]);
    cells.brandedFor('MIC', 11 * HOUR + 2);
    expect(cells.takeBranded()).toEqual([
      { organizationCode: 'MIC', hour: 11 * HOUR, answers: 1, firstAt: 11 * HOUR + 2, lastAt: 11 * HOUR + 2 },
    ]);
  });
});
