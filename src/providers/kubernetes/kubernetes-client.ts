import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  AppsV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { Config } from '../../config/index.ts';

/** A connected client: the typed APIs and what to call it in messages. */
export interface KubernetesClient {
  core: CoreV1Api;
  apps: AppsV1Api;
  /** The kubeconfig context's namespace, else `default`. */
  defaultNamespace: string;
  /** `context fake (http://127.0.0.1:1234)`, for error messages and evidence. */
  label: string;
  /** Per-request options: abort on `signal`, and optionally a Content-Type (patch strategy). */
  requestOptions(signal: AbortSignal, contentType?: string): ConfigurationOptions;
}

export type KubernetesClientResult = { ok: true; client: KubernetesClient } | { ok: false; reason: string };

export interface KubernetesClientOptions {
  /** Where to look when no kubeconfig is configured; default `~/.kube/config`. */
  defaultKubeconfigPath?: string;
  /** Prefix before `/var/run/secrets/kubernetes.io/serviceaccount` for in-cluster config (tests); default none. */
  inClusterPathPrefix?: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function requestOptions(signal: AbortSignal, contentType?: string): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => {
      context.setSignal(signal);
      if (contentType !== undefined) context.setHeaderParam('Content-Type', contentType);
      return new Observable(Promise.resolve(context));
    },
    post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/**
 * Builds a client from `Config['kubernetes']`: the configured kubeconfig (KUBECONFIG, first file of a
 * list), else `~/.kube/config`, else in-cluster service account config. `context` picks a context.
 * Never throws: a config that cannot be loaded comes back as a reason.
 */
export function loadKubernetesClient(
  config: Config['kubernetes'],
  options: KubernetesClientOptions = {},
): KubernetesClientResult {
  const kubeConfig = new KubeConfig();
  const configured = config.kubeconfig?.split(delimiter).find((path) => path.trim() !== '');
  const fallback = options.defaultKubeconfigPath ?? join(homedir(), '.kube', 'config');
  const prefix = options.inClusterPathPrefix ?? '';
  let source: string;
  try {
    if (configured !== undefined) {
      if (!existsSync(configured))
        return { ok: false, reason: `kubeconfig ${configured} does not exist (KUBECONFIG)` };
      kubeConfig.loadFromFile(configured);
      source = configured;
    } else if (existsSync(fallback)) {
      kubeConfig.loadFromFile(fallback);
      source = fallback;
    } else if (existsSync(`${prefix}${SERVICE_ACCOUNT_DIR}/token`)) {
      kubeConfig.loadFromCluster(prefix);
      source = 'in-cluster service account';
    } else {
      return {
        ok: false,
        reason: 'no kubeconfig: set KUBECONFIG (and KUBE_CONTEXT), or run in a pod with a service account',
      };
    }
    if (config.context !== undefined) {
      if (!kubeConfig.getContextObject(config.context)) {
        return { ok: false, reason: `context "${config.context}" is not in ${source} (KUBE_CONTEXT)` };
      }
      kubeConfig.setCurrentContext(config.context);
    }
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster)
      return {
        ok: false,
        reason: `${source} has no cluster for context "${kubeConfig.getCurrentContext()}"`,
      };
    const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
    return {
      ok: true,
      client: {
        core: kubeConfig.makeApiClient(CoreV1Api),
        apps: kubeConfig.makeApiClient(AppsV1Api),
        defaultNamespace: context?.namespace ?? 'default',
        label: `context ${kubeConfig.getCurrentContext()} (${cluster.server})`,
        requestOptions,
      },
    };
  } catch (error) {
    return {
      ok: false,
      reason: `cannot load Kubernetes config: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
