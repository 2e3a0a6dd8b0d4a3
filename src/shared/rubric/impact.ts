import { rulesOf } from '../schemas/rubric';
import { compileRubric, type CallLike } from './evaluate';

// The impact of a draft rubric on real calls: pass rates with the saved and the draft rubric, the calls
// whose outcome flips (with the rule that decides each), and how often the saved rubric agrees with each
// call's own `success` (calls without one are left out).

export type ImpactCall = CallLike & { id: number; timestamp?: string; success?: boolean | null };

export interface Rate {
  passed: number;
  total: number;
  /** passed / total, null when there are no calls. */
  rate: number | null;
}

export interface Flip<C extends ImpactCall = ImpactCall> {
  call: C;
  direction: 'pass-to-fail' | 'fail-to-pass';
  /** pass-to-fail: the draft rule that now fails; fail-to-pass: the saved rule that no longer fails. */
  ruleIndex: number;
  rule: unknown;
  /** Which rubric ruleIndex refers to. */
  rubric: 'draft' | 'saved';
}

export interface Impact<C extends ImpactCall = ImpactCall> {
  saved: Rate;
  draft: Rate;
  flips: Flip<C>[];
  /** Saved rubric vs each call's `success` (null success ignored). */
  agreement: { agreed: number; compared: number; rate: number | null };
}

const rate = (passed: number, total: number): Rate => ({ passed, total, rate: total ? passed / total : null });

export function computeImpact<C extends ImpactCall>(saved: unknown, draft: unknown, calls: readonly C[]): Impact<C> {
  const evalSaved = compileRubric(saved);
  const evalDraft = compileRubric(draft);
  const savedRules = rulesOf(saved);
  const draftRules = rulesOf(draft);
  let savedPassed = 0;
  let draftPassed = 0;
  let agreed = 0;
  let compared = 0;
  const flips: Flip<C>[] = [];
  for (const call of calls) {
    const before = evalSaved(call);
    const after = evalDraft(call);
    if (before.pass) savedPassed++;
    if (after.pass) draftPassed++;
    if (typeof call.success === 'boolean') {
      compared++;
      if (call.success === before.pass) agreed++;
    }
    if (before.pass && !after.pass) {
      const index = after.failedRuleIndex as number;
      flips.push({ call, direction: 'pass-to-fail', ruleIndex: index, rule: draftRules[index], rubric: 'draft' });
    } else if (!before.pass && after.pass) {
      const index = before.failedRuleIndex as number;
      flips.push({ call, direction: 'fail-to-pass', ruleIndex: index, rule: savedRules[index], rubric: 'saved' });
    }
  }
  return {
    saved: rate(savedPassed, calls.length),
    draft: rate(draftPassed, calls.length),
    flips,
    agreement: { agreed, compared, rate: compared ? agreed / compared : null },
  };
}
