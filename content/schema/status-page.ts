import { z } from 'zod';

/**
 * The parts of an Atlassian Statuspage `summary.json` (`https://<page>/api/v2/summary.json`) that become
 * announcements. Loose objects: the format carries much more (page, components, status) and gains fields
 * over time; only what is read here is checked.
 */
const StatusTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time');

const StatusUpdate = z.looseObject({
  body: z.string().default(''),
  created_at: StatusTime,
  display_at: StatusTime.nullish(),
});

const StatusComponent = z.looseObject({ id: z.string(), name: z.string() });

const StatusEvent = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: z.string(),
  created_at: StatusTime,
  started_at: StatusTime.nullish(),
  shortlink: z.string().nullish(),
  incident_updates: z.array(StatusUpdate).default([]),
  components: z.array(StatusComponent).default([]),
});
export type StatusEvent = z.infer<typeof StatusEvent>;

export const StatusIncident = StatusEvent;

export const StatusMaintenance = StatusEvent.extend({
  scheduled_for: StatusTime,
  scheduled_until: StatusTime,
});
export type StatusMaintenance = z.infer<typeof StatusMaintenance>;

export const StatuspageSummary = z.looseObject({
  incidents: z.array(StatusIncident).default([]),
  scheduled_maintenances: z.array(StatusMaintenance).default([]),
});
export type StatuspageSummary = z.infer<typeof StatuspageSummary>;
