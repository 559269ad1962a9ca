// The guidance-material calls: list (public), delete (official), and upload as multipart through
// XMLHttpRequest so the form can show upload progress (fetch has no upload progress events).
import { type ApiClient, ApiError } from "../api/client.ts";
import { networkProblem, parseProblem } from "../api/problem.ts";
import type { Material, MaterialType } from "./types.ts";

export interface UploadInput {
  titleVi: string;
  titleEn?: string;
  description?: string;
  unitCode?: string;
  file: File;
}

export interface MaterialsApi {
  list(type?: MaterialType): Promise<Material[]>;
  remove(id: string): Promise<void>;
  /** Resolves with the stored material; `onProgress` gets 0..1 as the bytes go up. */
  upload(input: UploadInput, onProgress?: (fraction: number) => void): Promise<Material>;
}

export function materialsApi(client: ApiClient, token: () => string | null): MaterialsApi {
  return {
    list: async (type) =>
      (await client.get<{ materials: Material[] }>(`/v1/materials${type ? `?type=${type}` : ""}`)).materials,
    remove: (id) => client.delete<void>(`/v1/materials/${encodeURIComponent(id)}`, { auth: true }),
    upload(input, onProgress) {
      const form = new FormData();
      form.append("titleVi", input.titleVi);
      if (input.titleEn) form.append("titleEn", input.titleEn);
      if (input.description) form.append("description", input.description);
      if (input.unitCode) form.append("unitCode", input.unitCode);
      form.append("file", input.file, input.file.name);
      return new Promise<Material>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", "/v1/materials");
        xhr.setRequestHeader("accept", "application/json, application/problem+json");
        const bearer = token();
        if (bearer) xhr.setRequestHeader("authorization", `Bearer ${bearer}`);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress?.(event.loaded / event.total);
        };
        xhr.onload = () => {
          if (xhr.status === 201) {
            onProgress?.(1);
            resolve(JSON.parse(xhr.responseText) as Material);
          } else {
            reject(
              new ApiError(
                parseProblem(
                  xhr.status,
                  xhr.statusText,
                  xhr.getResponseHeader("content-type"),
                  xhr.responseText,
                ),
              ),
            );
          }
        };
        xhr.onerror = () => reject(new ApiError(networkProblem("upload failed")));
        xhr.send(form);
      });
    },
  };
}
