export { createAlerts, type Alerts, type AlertsOptions } from './alerts.js';
export { startAlertScheduler } from './alert-scheduler.js';
export { createMailer, composeAlertMail, type AlertMailer, type AlertMail } from './notify-by-mail.js';
export { watchTokenHealth } from './watch-token-health.js';
export { watchBudgets, type BudgetRefusal, type BudgetConnection } from './report-budget.js';
export {
  INCIDENT_KINDS,
  incidentsResponseSchema,
  incidentViewSchema,
  type IncidentKind,
  type IncidentView,
  type IncidentsResponse,
} from './incident.js';
export type { IncidentFacts } from './incident-wording.js';
