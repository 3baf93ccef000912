export {
  createKubernetesActions,
  type KubernetesActionOptions,
  type KubernetesActions,
} from './create-kubernetes-actions.ts';
export { canonicalJson, planHash } from './hash-plan.ts';
