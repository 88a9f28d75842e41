import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstResponseDue } from '../../content/business-hours.ts';
import { formatProblem } from '../../content/problems.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { planProblem, plansFor, severitiesFor, supportPromise } from '../../content/support-promise.ts';
import { replyBy } from '../../widget/inquiry/reply-by.ts';

// Issue 17, "Honest promises": which plans and severities a customer may choose, the same for the widget and
// the intake, and the config errors that keep a site from promising nothing to anyone.
const config = loadSiteConfig('content').config!;
const friday = new Date('2026-11-27T08:00:00Z'); // Friday 17:00 in Tokyo

describe('the plans and severities a customer may choose', () => {
  it('offers an anonymous customer only the plans open to all', () => {
    expect(plansFor(config, undefined).map((p) => p.id)).toEqual(['developer', 'standard']);
  });

  it('offers an identified customer exactly the plan their token claims, also one that requires identity', () => {
    expect(plansFor(config, 'professional-direct').map((p) => p.id)).toEqual(['professional-direct']);
    expect(plansFor(config, 'standard').map((p) => p.id)).toEqual(['standard']);
  });

  it('treats a claim of a plan the site does not know as no claim', () => {
    expect(plansFor(config, 'platinum').map((p) => p.id)).toEqual(['developer', 'standard']);
    expect(planProblem(config, 'professional-direct', 'platinum')).toBe('plan_requires_identity');
  });

  it('limits severity A to Professional Direct in the sample site', () => {
    expect(severitiesFor(config, 'developer').map((s) => s.id)).toEqual(['c']);
    expect(severitiesFor(config, 'standard').map((s) => s.id)).toEqual(['b', 'c']);
    expect(severitiesFor(config, 'professional-direct').map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the promise for a choice', () => {
  it('refuses a plan that requires identity without a claim, or with a claim of another plan, on the plan field', () => {
    const refused = { refused: { field: 'plan', code: 'plan_requires_identity' } };
    expect(supportPromise(config, { plan: 'professional-direct', severity: 'a' }, friday)).toEqual(refused);
    expect(planProblem(config, 'professional-direct', 'standard')).toBe('plan_requires_identity');
  });

  it("counts under the claimed plan whatever the form chose, with that plan's target", () => {
    const { promise } = supportPromise(config, { plan: 'developer', severity: 'a', claim: 'professional-direct' }, friday);
    expect(promise).toMatchObject({ plan: 'professional-direct', planVerified: true, due: { minutes: 60, clock: '24x7' } });
    expect(promise!.due.due.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('refuses a severity the plan has no target for, on the severity field', () => {
    expect(supportPromise(config, { plan: 'standard', severity: 'a' }, friday)).toEqual({ refused: { field: 'severity', code: 'severity_not_in_plan' } });
    expect(supportPromise(config, { plan: 'developer', severity: 'b', claim: 'developer' }, friday).refused?.code).toBe('severity_not_in_plan');
  });

  it("the widget's reply-by time equals the promise for every plan, severity and claim, and is absent exactly when the intake refuses", () => {
    for (const claim of [undefined, 'unknown', ...config.plans.map((p) => p.id)])
      for (const plan of config.plans)
        for (const severity of config.severities) {
          const outcome = supportPromise(config, { plan: plan.id, severity: severity.id, claim }, friday);
          const shown = replyBy(config, severity.id, plan.id, friday, 'en', 'Asia/Tokyo', claim);
          const label = `${plan.id}/${severity.id}/${claim}`;
          expect(shown?.due.toISOString(), label).toBe(outcome.promise?.due.due.toISOString());
          if (outcome.promise)
            expect(outcome.promise.due.due.getTime(), label).toBe(firstResponseDue(config, severity.id, outcome.promise.plan, friday)!.due.getTime());
        }
  });
});

describe('the site config', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /** The sample config with `edit` applied to its text, loaded from a copy. */
  function load(edit: (yaml: string) => string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kotae-plans-'));
    dirs.push(dir);
    cpSync('content/assets', path.join(dir, 'assets'), { recursive: true });
    const yaml = edit(readFileSync('content/kotae.config.yaml', 'utf8'));
    writeFileSync(path.join(dir, 'kotae.config.yaml'), yaml);
    const loaded = loadSiteConfig(dir);
    return { ...loaded, yaml, lines: loaded.problems.errors.map((p) => formatProblem(p, dir)) };
  }

  it('defaults requiresIdentity to false and reads it where given', () => {
    expect(config.plans.map((p) => [p.id, p.requiresIdentity])).toEqual([
      ['developer', false],
      ['standard', false],
      ['professional-direct', true],
    ]);
  });

  it('refuses a config in which every plan requires identity, at the list of plans, with a fix', () => {
    const {
      config: loaded,
      yaml,
      lines,
    } = load((y) => y.replace(/\n( {4}name: \{ ja: (Developer|Standard), en: \2 \}\n)/g, '\n$1    requiresIdentity: true\n'));
    expect(loaded).toBeUndefined();
    const line = yaml.split('\n').indexOf('plans:') + 2; // the list's first item
    expect(lines).toEqual([
      `kotae.config.yaml:${line}:3  error: \`plans\`: every plan requires identity, so a customer the host application does not identify could choose no plan at all  (fix: leave at least one plan open to all (remove \`requiresIdentity: true\` from it))`,
    ]);
  });

  it('refuses a severity target for an unknown plan, at its line, naming the known plans', () => {
    const {
      config: loaded,
      yaml,
      lines,
    } = load((y) => y.replace('{ plan: professional-direct, minutes: 60, clock: 24x7 }', '{ plan: premium, minutes: 60, clock: 24x7 }'));
    expect(loaded).toBeUndefined();
    const line = yaml.split('\n').findIndex((l) => l.includes('plan: premium')) + 1;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^kotae\\.config\\.yaml:${line}:\\d+  error: .*unknown plan "premium"; plans are: developer, standard, professional-direct  \\(fix: .+\\)$`),
    );
  });
});
