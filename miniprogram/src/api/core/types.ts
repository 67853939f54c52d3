// Request/response types picked from the generated OpenAPI `paths` by URL and method,
// so a regenerated schema.d.ts flows through without renaming schema types here.
import type { paths } from '../schema'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never

type Ok<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never

export type ResponseOf<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  responses: infer R
}
  ? Ok<R>
  : never

export type BodyOf<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B
}
  ? JsonOf<NonNullable<B>>
  : never
