import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterProjects, projectSearchIndex } from './project-search';

const projects = [
  { id: 1837, name: 'Acme Support Line' },
  { id: 1842, name: 'Bolt Sales Outbound' },
  { id: 3001, name: 'Zürich Support Line' },
  { id: 3013, name: 'Austin Sales Line' },
];
const names = (query: string) => filterProjects(projectSearchIndex(projects), query).map((p) => p.name);

describe('filterProjects', () => {
  it('matches every word in any order, ignoring case and accents; ids by their start', () => {
    expect(names('')).toEqual(projects.map((p) => p.name));
    expect(names('line support')).toEqual(['Acme Support Line', 'Zürich Support Line']);
    expect(names('ZURICH')).toEqual(['Zürich Support Line']);
    expect(names('30')).toEqual(['Zürich Support Line', 'Austin Sales Line']);
    expect(names('#1842')).toEqual(['Bolt Sales Outbound']);
    expect(names('sales 3013')).toEqual(['Austin Sales Line']);
    expect(names('nothing')).toEqual([]);
  });

  it('property: the result is the sublist, in order, of projects holding each typed word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.nat(9999), name: fc.stringMatching(/^[a-c ]{0,8}$/) }), { maxLength: 20 }),
        fc.stringMatching(/^[a-c ]{0,4}$/),
        (list, query) => {
          const result = filterProjects(projectSearchIndex(list), query);
          const words = query.split(' ').filter(Boolean);
          expect(result).toEqual(list.filter((p) => words.every((w) => p.name.includes(w))));
        },
      ),
    );
  });
});
