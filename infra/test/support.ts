/**
 * The app the infra tests assert on: the same `buildApp` as `infra/bin/app.ts`, with the context
 * of cdk.json (feature flags included) and asset bundling skipped (a synth in seconds, and no
 * need for the handlers to bundle).
 */
import { readFileSync } from 'node:fs';
import { App, Validations, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { buildApp, type BuildOptions, type PlatformStacks } from '../app-builder';

const CDK_JSON = new URL('../../cdk.json', import.meta.url);

/** The context `cdk synth` gives the app, without bundling. */
export function testContext(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> };
  return { ...context, 'aws:cdk:bundling-stacks': [] };
}

export const TEST_ENV = { account: '123456789012', region: 'cn-northwest-1' };

export interface SynthesizedApp extends PlatformStacks {
  app: App;
  assembly: CloudAssembly;
  template(stack: Stack): Template;
}

/** Builds and synthesizes the app (the synth runs the cdk-nag checks and throws on a violation). */
export function synthApp(opts: Partial<BuildOptions> = {}): SynthesizedApp {
  const app = new App({ context: testContext() });
  const stacks = buildApp(app, { stage: 'test', env: TEST_ENV, ...opts });
  const assembly = app.synth();
  return {
    app,
    assembly,
    ...stacks,
    template: (stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>),
  };
}

/** Every acknowledgment (`Validations.of(x).acknowledge`) recorded under a construct. */
export function acknowledgments(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
    );
}
