import type { Page } from '@playwright/test';

/**
 * Turns every securitypolicyviolation event in the page into a console error that names the directive, so that
 * a spec watching the console fails on it (an emotion <style> without the page's nonce, an inline style...).
 */
export async function reportCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
}
