#!/usr/bin/env node
/**
 * The CDK app of the township elections platform (`npx cdk synth`, see cdk.json).
 *
 * Context: `stage` (default `dev`, part of every stack name); `region` (cdk.json says
 * cn-northwest-1; without it the CLI's CDK_DEFAULT_REGION, else cn-northwest-1); `account`
 * (else CDK_DEFAULT_ACCOUNT, which may be unset offline); `corsOrigins` (comma-separated,
 * default `*`). cdk-nag's AwsSolutions checks run on every synth (applied by `buildApp`).
 */
import { App } from 'aws-cdk-lib';
import { buildApp, optionsFromContext } from '../app-builder';

const app = new App();
buildApp(app, optionsFromContext(app));
app.synth();
