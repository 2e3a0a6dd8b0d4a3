import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyChanges } from './changes';
import { openHistoryStore } from './store';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('historyChanges', () => {
  it('records before and after of each sent field, and secrets only by intent', () => {
    const changes = historyChanges(
      { name: 'New', vapi_api_key: 'sk-live-123', webhook_secret: '' },
      { name: 'Old', webhook_secret: 'legacy-clear-text' },
      { name: 'New', webhook_secret: 'legacy-clear-text' },
    );
    expect(changes).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'vapi_api_key', secret: 'replaced' },
      { field: 'webhook_secret', secret: 'cleared' },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/sk-live-123|legacy-clear-text/);
  });
});

describe('openHistoryStore', () => {
  it('lists a project newest first, paginated, and survives reopening', () => {
    const dir = tempDir();
    const store = openHistoryStore(dir);
    for (let i = 1; i <= 5; i++)
      store.record({ user: 'local', projectId: 1, changes: [{ field: 'name', before: `n${i - 1}`, after: `n${i}` }] });
    store.record({ user: 'local', projectId: 2, changes: [] });
    store.close();

    const reopened = openHistoryStore(dir);
    const first = reopened.list(1, 1, 2);
    expect(first.count).toBe(5);
    expect(first.results.map((e) => (e.changes[0] as { after: string }).after)).toEqual(['n5', 'n4']);
    expect(reopened.list(1, 3, 2).results).toHaveLength(1);
    expect(reopened.list(2).count).toBe(1);
    reopened.close();
  });
});
