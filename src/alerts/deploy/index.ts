export { type ArgoCdNotification, argoCdDeployFailure } from './argocd-notification.ts';
export { createDeployRoutes, type DeployRoutesInput } from './create-deploy-routes.ts';
export type { DeployFailure } from './deploy-failure.ts';
export { type GenericDeployFailure, genericDeployFailure } from './generic-deploy.ts';
export { checkGitHubSignature, githubDeployFailure } from './github-deployment-status.ts';
export { type DeploySlack, slackDeployDisplay } from './slack-deploy-display.ts';
export {
  type DeployDeps,
  type DeployDisplay,
  type DeployOutcome,
  startDeployInvestigation,
} from './start-deploy-investigation.ts';
