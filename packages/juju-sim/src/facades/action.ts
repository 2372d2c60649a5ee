import type { ActionRecord, OperationRecord } from '../model/entities.js';
import type { Model } from '../model/model.js';
import { TIMINGS } from '../model/timings.js';
import { finishActionEffect, startActionEffect } from '../model/upgrades.js';
import { bulkItem, notFound, notValid } from '../rpc/errors.js';
import {
  asObject,
  objectsOf,
  optNumber,
  parseTag,
  reqString,
  stringsOf,
  unitNameFromTag,
} from '../rpc/params.js';
import type { Facade } from './types.js';

const ZERO_TIME = new Date(0).toISOString();

function actionResult(action: ActionRecord): Record<string, unknown> {
  return {
    action: {
      tag: `action-${action.id}`,
      receiver: action.receiver,
      name: action.name,
      parameters: action.parameters,
    },
    status: action.status,
    message: action.message,
    output: action.output,
    log: action.log,
    enqueued: action.enqueued.toISOString(),
    started: (action.started ?? new Date(0)).toISOString(),
    completed: (action.completed ?? new Date(0)).toISOString(),
  };
}

/**
 * Runs a queued action on the compressed clock: pending -> running -> completed (or failed), for as
 * long as the charm's action takes. Actions with an effect (upgrade, pause, resume) change the unit
 * the way Charmed Kubernetes' handlers do, from the status set at their start to the one they leave.
 */
function runAction(model: Model, action: ActionRecord): void {
  const lost = () => model.units.get(unitNameFromTag(action.receiver))?.phase === 'lost';
  model.env.clock.after(TIMINGS.action / 5, () => {
    // A lost unit's agent picks its queued actions up when it reconnects: until then they stay pending.
    if (lost()) {
      runAction(model, action);
      return;
    }
    action.status = 'running';
    action.started = new Date();
    action.log.push({ timestamp: action.started.toISOString(), message: `running ${action.name}` });
    model.touch('action', action.id);
    const unitName = unitNameFromTag(action.receiver);
    const startUnit = model.units.get(unitName);
    const startSpec = startUnit
      ? model.applications.get(startUnit.application)?.charm.actions[action.name]
      : undefined;
    if (startUnit && startSpec?.effect && startUnit.phase !== 'error')
      startActionEffect(model, startUnit, startSpec.effect);
    const finish = () => {
      // Lost mid-action: the result is reported once the agent is back.
      if (lost()) {
        model.env.clock.after(TIMINGS.action / 5, finish);
        return;
      }
      const unit = model.units.get(unitName);
      const app = unit ? model.applications.get(unit.application) : undefined;
      const spec = app?.charm.actions[action.name];
      action.completed = new Date();
      if (!unit || !app || !spec || unit.phase === 'error') {
        action.status = 'failed';
        action.message = unit ? `unit ${unitName} is in error` : `unit ${unitName} no longer exists`;
      } else {
        action.status = 'completed';
        action.output = { ...spec.output(unitName), 'return-code': 0 };
        if (spec.effect) finishActionEffect(model, unit, app, spec.effect);
      }
      model.touch('action', action.id);
    };
    model.env.clock.after(startSpec?.durationMs ?? TIMINGS.action, finish);
  });
}

function operationResult(model: Model, operation: OperationRecord): Record<string, unknown> {
  const actions = operation.actionIds
    .map((id) => model.actions.get(id))
    .filter((a): a is ActionRecord => !!a);
  const statuses = actions.map((action) => action.status);
  const status = statuses.includes('failed')
    ? 'failed'
    : statuses.every((s) => s === 'completed')
      ? 'completed'
      : statuses.includes('running')
        ? 'running'
        : 'pending';
  const started = actions
    .map((a) => a.started)
    .filter((d): d is Date => !!d)
    .sort((a, b) => +a - +b)[0];
  const done = status === 'completed' || status === 'failed';
  const completed = done
    ? actions
        .map((a) => a.completed)
        .filter((d): d is Date => !!d)
        .sort((a, b) => +b - +a)[0]
    : undefined;
  return {
    operation: `operation-${operation.id}`,
    summary: operation.summary,
    status,
    enqueued: operation.enqueued.toISOString(),
    started: started?.toISOString() ?? ZERO_TIME,
    completed: completed?.toISOString() ?? ZERO_TIME,
    actions: actions.map(actionResult),
  };
}

export const Action: Facade = {
  EnqueueOperation(ctx, params) {
    const model = ctx.model();
    const items = objectsOf(params, 'actions');
    if (items.length === 0) throw notValid('no actions specified');
    const operation: OperationRecord = {
      id: model.newOperationId(),
      summary: '',
      actionIds: [],
      enqueued: new Date(),
    };
    const results = items.map((item) =>
      bulkItem(() => {
        const receiver = reqString(item, 'receiver');
        const name = reqString(item, 'name');
        const unitName = unitNameFromTag(receiver);
        const unit = model.units.get(unitName);
        if (!unit) throw notFound(`unit ${JSON.stringify(unitName)} not found`);
        const charm = model.applications.get(unit.application)?.charm;
        if (!charm?.actions[name]) {
          throw notValid(`action ${JSON.stringify(name)} not defined on unit ${JSON.stringify(unitName)}`);
        }
        const action: ActionRecord = {
          id: model.newActionId(),
          operationId: operation.id,
          receiver,
          name,
          parameters: asObject(item.parameters, 'parameters'),
          status: 'pending',
          message: '',
          output: {},
          log: [],
          enqueued: new Date(),
        };
        model.actions.set(action.id, action);
        operation.actionIds.push(action.id);
        model.touch('action', action.id);
        runAction(model, action);
        return actionResult(action);
      }),
    );
    const names = [...new Set(operation.actionIds.map((id) => model.actions.get(id)?.name))];
    const receivers = operation.actionIds.map((id) => model.actions.get(id)?.receiver);
    operation.summary = `${names.join(',')} run on ${receivers.join(',')}`;
    model.operations.set(operation.id, operation);
    return { operation: operation.id, actions: results };
  },
  Operations(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'entities').map((entity) => {
        const tag = reqString(entity, 'tag');
        const result = bulkItem(() => {
          const operation = model.operations.get(parseTag(tag, 'operation'));
          if (!operation) throw notFound(`operation ${JSON.stringify(tag)} not found`);
          return operationResult(model, operation);
        });
        return 'error' in result ? { operation: tag, summary: '', ...result } : result;
      }),
    };
  },
  /**
   * Operations with an action matching every given filter (apiserver/facades/client/action
   * ListOperations): applications or units (receivers), machines, action names, statuses; each
   * operation lists only its matching actions, oldest first, `limit` after `offset`.
   */
  ListOperations(ctx, params) {
    const model = ctx.model();
    const list = (field: string) => stringsOf(params, field);
    const [applications, units, machines, names, statuses] = [
      'applications',
      'units',
      'machines',
      'actions',
      'status',
    ].map(list) as [string[], string[], string[], string[], string[]];
    const offset = optNumber(params, 'offset') ?? 0;
    const limit = optNumber(params, 'limit');
    const matches = (action: ActionRecord): boolean => {
      const unitName = unitNameFromTag(action.receiver);
      const unit = model.units.get(unitName);
      const byReceiver =
        applications.length + units.length + machines.length === 0 ||
        units.includes(unitName) ||
        (unit !== undefined && applications.includes(unit.application)) ||
        (unit !== undefined && machines.includes(unit.machineId));
      return (
        byReceiver &&
        (names.length === 0 || names.includes(action.name)) &&
        (statuses.length === 0 || statuses.includes(action.status))
      );
    };
    const found = [...model.operations.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((operation) => ({
        ...operation,
        actionIds: operation.actionIds.filter((id) => {
          const action = model.actions.get(id);
          return action !== undefined && matches(action);
        }),
      }))
      .filter((operation) => operation.actionIds.length > 0);
    const page = found.slice(offset, limit === undefined ? undefined : offset + limit);
    return {
      results: page.map((operation) => operationResult(model, operation)),
      truncated: offset + page.length < found.length,
    };
  },
  Actions(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'entities').map((entity) =>
        bulkItem(() => {
          const action = model.actions.get(parseTag(reqString(entity, 'tag'), 'action'));
          if (!action) throw notFound('action not found');
          return actionResult(action);
        }),
      ),
    };
  },
};
