import { RequestType, type WorkDoneProgressParams } from 'vscode-languageclient';
import { SCAN_WORKSPACE_METHOD, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';

export { DIAGNOSTIC_SOURCE, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';

export const ScanWorkspaceRequest = new RequestType<WorkDoneProgressParams, ScanWorkspaceResult, void>(SCAN_WORKSPACE_METHOD);
