export {
  createKubernetesActions,
  type KubernetesActionOptions,
  type KubernetesActions,
} from './create-kubernetes-actions.ts';
