import { describe, expect, it } from 'vitest';
import { historyChanges } from './changes';

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
