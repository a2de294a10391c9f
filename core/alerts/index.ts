export { createAlerts } from './alerts.js';
export { createMailer, type AlertMailer } from './notify-by-mail.js';
export { watchTokenHealth } from './watch-token-health.js';
export { watchBudgets, type BudgetRefusal } from './report-budget.js';
