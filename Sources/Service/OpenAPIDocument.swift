/// The OpenAPI 3 document of every endpoint, served at `/openapi.yaml`: generated from
/// `docs/openapi.yaml` by `scripts/embed-openapi.sh` (a test keeps the two equal).
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.0.3
info:
  title: asic validation service
  version: "1"
  description: >
    Validation of ASiC-E / ASiC-S / BDOC containers and legacy DDOC files, as `asic validate` does it.
    `/validate` and `/validateHashcode` are SiVa-compatible (SiVa 3 interfaces); `/v1/validate` takes the raw container.
    Every error body is `{"requestErrors": [{"key", "message"}]}`.
paths:
  /validate:
    post:
      summary: Validate a document (SiVa-compatible)
      operationId: validateSiva
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SivaRequest"}
      responses: &sivaResponses
        "200":
          description: The validation report (SiVa's validationConclusion; over every signature file for hashcode requests)
          content:
            application/json:
              schema: {$ref: "#/components/schemas/SivaReport"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Busy"}
  /validateHashcode:
    post:
      summary: Validate signatures against data-file digests (SiVa-compatible; the data never leaves the client)
      operationId: validateHashcode
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SivaHashcodeRequest"}
      responses: *sivaResponses
  /v1/validate:
    post:
      summary: Validate a container sent as the body
      operationId: validate
      parameters:
        - {name: policy, in: query, required: false, schema: {type: string, enum: [default, ee, ee-polv3, POLv3, POLv4]}}
        - {name: filename, in: query, required: false, schema: {type: string, maxLength: 255}}
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: The report; the verdict is also in the X-Asic-Verdict header
          headers:
            X-Asic-Verdict: {schema: {$ref: "#/components/schemas/Verdict"}}
          content: &reports
            application/json:
              schema: {$ref: "#/components/schemas/Report"}
            text/html: {schema: {type: string}}
            application/xml: {schema: {type: string}}
            text/plain: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "406": {$ref: "#/components/responses/Error"}
        "408": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "422":
          description: Not a processable container; the report says why
          content: *reports
        "503": {$ref: "#/components/responses/Busy"}
  /healthz:
    get:
      summary: Liveness
      operationId: healthz
      responses:
        "200":
          description: The process answers
          content:
            application/json:
              schema:
                type: object
                required: [status, version]
                properties:
                  status: {type: string, enum: [alive]}
                  version: {type: string}
  /readyz:
    get:
      summary: Readiness (trust loaded and fresh enough)
      operationId: readyz
      responses:
        "200": {$ref: "#/components/responses/Readiness"}
        "503": {$ref: "#/components/responses/Readiness"}
  /metrics:
    get:
      summary: Prometheus metrics
      operationId: metrics
      responses:
        "200":
          description: Prometheus text exposition format
          content:
            text/plain: {schema: {type: string}}
        "401": {$ref: "#/components/responses/Error"}
  /openapi.yaml:
    get:
      summary: This document
      operationId: openapi
      responses:
        "200":
          description: OpenAPI 3 document
          content:
            application/yaml: {schema: {type: string}}
        "401": {$ref: "#/components/responses/Error"}
components:
  responses:
    Error:
      description: An error with a stable key and a message
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Errors"}
    Busy:
      description: Full, not ready, or past the deadline; try again after Retry-After seconds
      headers:
        Retry-After: {schema: {type: integer}}
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Errors"}
    Readiness:
      description: Whether the service can validate, and the trust it holds
      content:
        application/json:
          schema:
            type: object
            required: [ready, trustedServices, trustAnchors]
            properties:
              ready: {type: boolean}
              reason: {type: string, nullable: true}
              trustLoadedAt: {type: string, nullable: true}
              trustAgeSeconds: {type: integer, nullable: true}
              trustedServices: {type: integer}
              trustAnchors: {type: integer}
              lastRefresh:
                type: object
                nullable: true
                required: [at, succeeded]
                properties:
                  at: {type: string}
                  succeeded: {type: boolean}
                  message: {type: string, nullable: true}
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Errors:
      type: object
      required: [requestErrors]
      properties:
        requestErrors:
          type: array
          minItems: 1
          items:
            type: object
            required: [key, message]
            properties:
              key: {type: string}
              message: {type: string}
    Verdict:
      type: string
      enum: [PASSED, FAILED, INDETERMINATE, NO-SIGNATURE, NOT-PROCESSABLE]
    SivaFilename: {type: string, minLength: 1, maxLength: 260, pattern: '^[^/\\\x00-\x1f]+$', description: a name to show, never opened}
    SivaPolicy: {type: string, enum: [POLv3, POLv4], description: "POLv4 (the default): the ee policy; POLv3: ee-polv3"}
    SivaReportType: {type: string, enum: [Simple, Detailed]}
    SivaOptions:
      type: object
      properties:
        signaturePolicy: {$ref: "#/components/schemas/SivaPolicy"}
        reportType: {$ref: "#/components/schemas/SivaReportType"}
    SivaRequest:
      allOf:
        - {$ref: "#/components/schemas/SivaOptions"}
        - type: object
          required: [document, filename]
          properties:
            document: {type: string, format: byte, minLength: 4, description: the container in base64}
            filename: {$ref: "#/components/schemas/SivaFilename"}
    SivaHashcodeRequest:
      allOf:
        - {$ref: "#/components/schemas/SivaOptions"}
        - type: object
          required: [signatureFiles]
          properties:
            signatureFiles:
              type: array
              minItems: 1
              maxItems: 16
              items:
                type: object
                required: [signature, datafiles]
                properties:
                  signature: {type: string, format: byte, minLength: 4, description: the XAdES signature file in base64}
                  datafiles:
                    type: array
                    minItems: 1
                    maxItems: 1000
                    items:
                      type: object
                      required: [filename, hashAlgo, hash]
                      properties:
                        filename: {$ref: "#/components/schemas/SivaFilename"}
                        hashAlgo: {type: string, enum: [SHA1, SHA224, SHA256, SHA384, SHA512]}
                        hash: {type: string, format: byte, description: the digest in base64}
    Message:
      type: object
      required: [content]
      properties:
        content: {type: string}
        key: {type: string}
    SivaReport:
      type: object
      required: [validationReport]
      properties:
        validationReport:
          type: object
          required: [validationConclusion]
          properties:
            validationConclusion:
              type: object
              required: [policy, signaturesCount, validSignaturesCount, validationLevel, validationTime, signatures]
              properties:
                policy:
                  type: object
                  required: [policyName, policyDescription, policyUrl]
                  properties:
                    policyName: {type: string}
                    policyDescription: {type: string}
                    policyUrl: {type: string}
                signaturesCount: {type: integer}
                validSignaturesCount: {type: integer}
                validationLevel: {type: string}
                validationTime: {type: string}
                validationWarnings: {type: array, items: {$ref: "#/components/schemas/Message"}}
                validatedDocument:
                  type: object
                  required: [filename]
                  properties:
                    filename: {type: string}
                    fileHash: {type: string}
                    hashAlgo: {type: string}
                signatureForm: {type: string, nullable: true}
                signatures:
                  type: array
                  items:
                    type: object
                    required: [indication, signatureFormat]
                    properties:
                      id: {type: string, nullable: true}
                      signatureFormat: {type: string}
                      signatureMethod: {type: string, nullable: true}
                      signatureLevel: {type: string}
                      signedBy: {type: string, nullable: true}
                      claimedSigningTime: {type: string, nullable: true}
                      indication: {type: string, enum: [TOTAL-PASSED, TOTAL-FAILED, INDETERMINATE]}
                      subIndication: {type: string, nullable: true}
                      errors: {type: array, items: {$ref: "#/components/schemas/Message"}}
                      warnings: {type: array, items: {$ref: "#/components/schemas/Message"}}
                timeStampTokens: {type: array, items: {type: object}}
                verdict: {$ref: "#/components/schemas/Verdict"}
            asicReport: {$ref: "#/components/schemas/Report"}
    Report:
      type: object
      description: The JSON report of `asic validate --format json` (see the project's JSON schema)
      required: [file, processable, verdict, signaturesCount, validSignaturesCount, signatures]
      properties:
        file: {type: string}
        containerType: {type: string, nullable: true}
        processable: {type: boolean}
        verdict: {$ref: "#/components/schemas/Verdict"}
        signaturesCount: {type: integer}
        validSignaturesCount: {type: integer}
        signatures: {type: array, items: {type: object}}
security:
  - {}
  - bearer: []

"""#
}
