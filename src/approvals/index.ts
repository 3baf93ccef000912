export { type ApprovalServiceDeps, createApprovalService } from './approval-service.ts';
export { AUTONOMY_APPROVER } from './autonomy.ts';
export {
  type AutoApprovePolicy,
  type AutonomyAdvisor,
  type AutonomyVerdict,
  createAutonomyAdvisor,
} from './autonomy-advisor.ts';
export { type AutonomyRecord, autonomyRecords, describeRecord } from './autonomy-record.ts';
export { requestUndo } from './autonomy-undo.ts';
export { refusalReason } from './check-approver.ts';
export type {
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalService,
  ApprovalStatus,
  Approver,
  NewApprovalRequest,
} from './types.ts';
