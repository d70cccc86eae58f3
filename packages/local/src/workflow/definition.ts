/**
 * The timeline state machine's one definition (`infra/workflow/timeline.asl.json`, which CDK
 * deploys), as the local runner runs it: the Lambda ARN placeholders filled with local names.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ASL_PATH = fileURLToPath(new URL('../../../../infra/workflow/timeline.asl.json', import.meta.url));

/** The placeholders the definition's Task states name (CDK substitutes the real ARNs). */
export const TASK_PLACEHOLDERS = { PlanFunctionArn: 'Plan', ActFunctionArn: 'Act', AwaitApprovalFunctionArn: 'AwaitApproval' } as const;

export function localDefinition(region = 'cn-northwest-1'): Record<string, unknown> {
  let text = readFileSync(ASL_PATH, 'utf8');
  for (const [placeholder, name] of Object.entries(TASK_PLACEHOLDERS)) {
    text = text.replaceAll(`\${${placeholder}}`, `arn:aws:lambda:${region}:000000000000:function:timeline-${name}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}
