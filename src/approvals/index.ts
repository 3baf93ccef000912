export { type ApprovalServiceDeps, createApprovalService } from './approval-service.ts';
export { refusalReason } from './check-approver.ts';
export type {
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalService,
  ApprovalStatus,
  Approver,
  NewApprovalRequest,
} from './types.ts';
