import { v1 } from '@datadog/datadog-api-client';
import {
  createDatadogConfiguration,
  type DatadogCallOptions,
  type DatadogSettings,
} from './create-datadog-configuration.ts';

export interface MonitorState {
  id: number;
  name: string;
  /** `OK`, `Alert`, `Warn`, `No Data`, … as Datadog reports it. */
  state: string;
  query: string;
  tags: string[];
  muted: boolean;
}

/** v1 `MonitorsApi.getMonitor` (`GET /api/v1/monitor/{id}`): is the monitor still alerting? */
export async function getMonitorState(
  settings: DatadogSettings,
  call: DatadogCallOptions,
  monitorId: number,
): Promise<MonitorState> {
  const api = new v1.MonitorsApi(createDatadogConfiguration(settings, call));
  const monitor = await api.getMonitor({ monitorId });
  return {
    id: monitor.id ?? monitorId,
    name: monitor.name ?? '',
    state: typeof monitor.overallState === 'string' ? monitor.overallState : 'unknown',
    query: monitor.query,
    tags: monitor.tags ?? [],
    muted: Boolean(monitor.options?.silenced && Object.keys(monitor.options.silenced).length > 0),
  };
}
