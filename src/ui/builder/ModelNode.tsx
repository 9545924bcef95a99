import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatCount } from '../common/formatCount';
import type { ModelFlowNode } from './flowTypes';

/** One node of the model: title, settings, output shape, parameters and any problem, in words. */
function ModelNodeImpl({ data: view, selected }: NodeProps<ModelFlowNode>) {
  const kind = view.data.kind;
  const hasIssue = view.issues.length > 0;
  return (
    <div
      className={`model-node kind-${kind}${hasIssue ? ' has-issue' : ''}${view.detached ? ' detached' : ''}${selected ? ' selected' : ''}`}
      style={view.color ? { borderTopColor: view.color } : undefined}
      data-testid={`node-${kind}`}
    >
      {kind !== 'input' && <Handle type="target" position={Position.Top} title="Input port" />}
      <div className="node-title">
        <span>{view.title}</span>
        {hasIssue && (
          <span className="node-issue-mark" aria-hidden="true">
            !
          </span>
        )}
      </div>
      {view.detail && <div className="node-detail">{view.detail}</div>}
      <div className="node-meta">
        {view.shape && <span className="node-shape">{view.shape}</span>}
        {view.params !== undefined && view.params > 0 && (
          <span className="node-params">{formatCount(view.params)} params</span>
        )}
      </div>
      {hasIssue && (
        <div className="node-issue" role="alert" title={view.issues.join('\n')}>
          <span>
            {view.issues[0]}
            {view.issues.length > 1 && ` (+${view.issues.length - 1} more)`}
          </span>
        </div>
      )}
      <div className="node-tip" role="tooltip">
        {view.explanation}
      </div>
      {kind !== 'head' && <Handle type="source" position={Position.Bottom} title="Output port" />}
    </div>
  );
}

export const ModelNode = memo(ModelNodeImpl);
