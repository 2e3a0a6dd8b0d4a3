import { describe, expect, it } from 'vitest';
import { guardedTarget, historyDelta, isInsideProject } from './leave';

const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
const anchor = (href: string, target = '') => ({ href, target, hasAttribute: () => false });
const origin = 'http://127.0.0.1:3000';

describe('the unsaved-changes guard', () => {
  it('treats every section of the project as inside, other projects and the picker as outside', () => {
    expect(isInsideProject('/projects/12/general', 12)).toBe(true);
    expect(isInsideProject('/projects/12', 12)).toBe(true);
    expect(isInsideProject('/projects/123/general', 12)).toBe(false);
    expect(isInsideProject('/', 12)).toBe(false);
  });

  it('guards plain clicks on links that leave the project, nothing else', () => {
    expect(guardedTarget(anchor(`${origin}/`), click, origin, 12)).toBe('/');
    expect(guardedTarget(anchor(`${origin}/projects/13/general?x=1`), click, origin, 12)).toBe(
      '/projects/13/general?x=1',
    );
    expect(guardedTarget(anchor(`${origin}/projects/12/limits`), click, origin, 12)).toBeNull();
    expect(guardedTarget(anchor('https://docs.cekura.ai/'), click, origin, 12)).toBeNull();
    expect(guardedTarget(anchor(`${origin}/`, '_blank'), click, origin, 12)).toBeNull();
    expect(guardedTarget(anchor(`${origin}/`), { ...click, ctrlKey: true }, origin, 12)).toBeNull();
  });

  it('reads the size of a history step from the router index', () => {
    expect(historyDelta({ idx: 3 }, 4)).toBe(-1);
    expect(historyDelta({ idx: 6 }, 4)).toBe(2);
    expect(historyDelta(null, 4)).toBeUndefined();
    expect(historyDelta({ idx: 4 }, 4)).toBeUndefined();
  });
});
