/** The WeCom organisation of a WeCom channel account: syncs, departments ↔ stores, staff ↔ admin users. */
import { client, unwrap } from './request'
import type {
  CreateStaffAccountBody,
  StaffAccountCreated,
  WecomDepartment,
  WecomStaff,
  WecomStaffQuery,
  WecomSyncKind,
  WecomSyncRun,
} from './types'

/** Starts a background sync (or returns the one already under way); poll getSyncRun. */
export async function startWecomSync(accountId: number, kind: WecomSyncKind): Promise<WecomSyncRun> {
  const params = { params: { path: { accountId } } }
  const started =
    kind === 'org'
      ? await client.POST('/api/wecom/accounts/{accountId}/sync/org', params)
      : await client.POST('/api/wecom/accounts/{accountId}/sync/contacts', params)
  return unwrap(started).run
}

export async function getSyncRun(id: number): Promise<WecomSyncRun> {
  return unwrap(await client.GET('/api/wecom/sync-runs/{id}', { params: { path: { id } } }))
}

export async function listWecomDepartments(accountId: number): Promise<WecomDepartment[]> {
  return unwrap(await client.GET('/api/wecom/accounts/{accountId}/departments', { params: { path: { accountId } } }))
}

export async function mapDepartmentStore(id: number, storeId: number | null): Promise<WecomDepartment> {
  return unwrap(await client.PATCH('/api/wecom/departments/{id}', { params: { path: { id } }, body: { storeId } }))
}

export async function createStoreForDepartment(id: number): Promise<WecomDepartment> {
  return unwrap(await client.POST('/api/wecom/departments/{id}/create-store', { params: { path: { id } } }))
}

export async function listWecomStaff(accountId: number, query: WecomStaffQuery = {}): Promise<WecomStaff[]> {
  return unwrap(await client.GET('/api/wecom/accounts/{accountId}/staff', { params: { path: { accountId }, query } }))
}

export async function mapStaffUser(id: number, adminUserId: number | null): Promise<WecomStaff> {
  return unwrap(await client.PATCH('/api/wecom/staff/{id}', { params: { path: { id } }, body: { adminUserId } }))
}

export async function createStaffAccount(id: number, body: CreateStaffAccountBody): Promise<StaffAccountCreated> {
  return unwrap(await client.POST('/api/wecom/staff/{id}/create-account', { params: { path: { id } }, body }))
}
