import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveContext, hostOf, workloadOfPod } from './derive-context.ts';

const alert = (name: string, labels: Record<string, string>, summary?: string) => ({
  target: name,
  alert: { name, source: 'alertmanager' as const, labels, ...(summary ? { summary } : {}) },
});

describe('deriveContext', () => {
  it('takes the workload from the service label and the namespace from its label', () => {
    const context = deriveContext(
      alert('CheckoutHighErrorRate', { service: 'checkout', namespace: 'production' }),
    );
    assert.equal(context.workload, 'checkout');
    assert.equal(context.namespace, 'production');
    assert.ok(context.words.includes('error') && context.words.includes('errorrate'));
  });

  it('strips the ReplicaSet hash and pod suffix when only a pod is named', () => {
    const context = deriveContext(
      alert('KubePodCrashLooping', {
        namespace: 'shop',
        pod: 'payment-service-7d9f-abcde',
        container: 'app',
      }),
    );
    assert.equal(context.workload, 'payment-service');
    assert.equal(context.pod, 'payment-service-7d9f-abcde');
  });

  it('ignores the labels kube-state-metrics adds about itself and uses the subject deployment', () => {
    const context = deriveContext(
      alert('KubeDeploymentRolloutStuck', {
        namespace: 'billing',
        deployment: 'billing-api',
        job: 'kube-state-metrics',
        container: 'kube-rbac-proxy-main',
        service: 'prometheus-kube-state-metrics',
      }),
    );
    assert.equal(context.workload, 'billing-api');
  });

  it('reads the node of a node_exporter alert from its instance and the mount point', () => {
    const context = deriveContext(
      alert('NodeFilesystemAlmostOutOfSpace', {
        instance: '10.0.4.12:9100',
        job: 'node-exporter',
        pod: 'node-exporter-x7k2p',
        mountpoint: '/',
      }),
    );
    assert.equal(context.node, '10.0.4.12');
    assert.equal(context.mountpoint, '/');
    assert.equal(context.workload, undefined);
  });

  it('reads the dependency of a blackbox alert from its target or instance URL', () => {
    const context = deriveContext(
      alert('ProbeFailed', { instance: 'https://api.partners.example.com/v1/health', job: 'blackbox-https' }),
    );
    assert.equal(context.dependency, 'api.partners.example.com');
  });

  it('treats a kebab-case target as the workload when the alert names none', () => {
    const context = deriveContext({
      target: 'search',
      alert: { name: 'ManualInvestigation', source: 'manual', labels: {} },
    });
    assert.equal(context.workload, 'search');
  });
});

describe('workloadOfPod and hostOf', () => {
  it('recognises Deployment, StatefulSet and DaemonSet pod names', () => {
    assert.equal(workloadOfPod('checkout-6f7c9d8b4-h5j2k'), 'checkout');
    assert.equal(workloadOfPod('postgres-0'), 'postgres');
    assert.equal(workloadOfPod('fluentd-x2k9p'), 'fluentd');
  });

  it('drops scheme, path and port', () => {
    assert.equal(hostOf('https://api.example.com:443/health'), 'api.example.com');
    assert.equal(hostOf('10.0.0.7:9100'), '10.0.0.7');
  });
});
