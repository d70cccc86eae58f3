/**
 * cdk-nag for the app: the AwsSolutions pack, run as a CDK validation plugin on every synth
 * (cdk-nag 3 reports through CDK's policy validation, no longer through annotations).
 *
 * cdk-nag 3 acknowledges a finding by its exact id only (`AwsSolutions-IAM5[Resource::<arn>]`).
 * A wildcard on another stack's resource has an id that contains the cross-stack reference,
 * which exists only once the app is synthesized. `LateAcknowledgments`, registered before the
 * pack, acknowledges such findings then: after synthesis, before the pack runs. It matches them
 * with nag's own rule on the policies under one construct, so a finding it does not match is
 * still reported.
 */
import {
  Validations,
  type App,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface LateAcknowledgment {
  /** The IAM policies under this construct (a function's role). */
  scope: IConstruct;
  /** The `AwsSolutions-IAM5` findings to acknowledge (`Resource::...` or `Action::...`). */
  finding: RegExp;
  reason: string;
}

export class LateAcknowledgments implements IPolicyValidationPlugin {
  readonly name = 'TownshipElections-LateAcknowledgments';

  constructor(private readonly acknowledgments: readonly LateAcknowledgment[]) {}

  validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    for (const { scope, finding, reason } of this.acknowledgments) {
      for (const node of scope.node.findAll()) {
        if (!(node instanceof CfnPolicy)) continue;
        const findings = rules.iam.IAMNoWildcardPermissions(node);
        if (!Array.isArray(findings)) continue;
        for (const f of findings) {
          if (finding.test(f)) Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${f}]`, reason });
        }
      }
    }
    return { success: true, violations: [] };
  }
}

/** Runs the AwsSolutions checks on every synth of the app. */
export function applyNag(app: App, lateAcknowledgments: readonly LateAcknowledgment[] = []): void {
  Validations.of(app).addPlugins(
    new LateAcknowledgments(lateAcknowledgments),
    new AwsSolutionsChecks(app, { verbose: true }),
  );
}
