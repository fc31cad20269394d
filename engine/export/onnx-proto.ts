// The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) the exporter writes, as a protobufjs JSON descriptor.
// Field numbers are the official ones; only what a forward graph with initializers needs is declared.
import protobuf from 'protobufjs/light.js';

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });

const DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: repeated('OperatorSetIdProto', 8),
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: repeated('NodeProto', 1),
            name: { type: 'string', id: 2 },
            initializer: repeated('TensorProto', 5),
            docString: { type: 'string', id: 10 },
            input: repeated('ValueInfoProto', 11),
            output: repeated('ValueInfoProto', 12),
          },
        },
        NodeProto: {
          fields: {
            input: repeated('string', 1),
            output: repeated('string', 2),
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: repeated('AttributeProto', 5),
            docString: { type: 'string', id: 6 },
            domain: { type: 'string', id: 7 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            floats: repeated('float', 7),
            ints: repeated('int64', 8),
            type: { type: 'int32', id: 20 },
          },
        },
        TensorProto: {
          fields: {
            dims: repeated('int64', 1),
            dataType: { type: 'int32', id: 2 },
            int64Data: repeated('int64', 7),
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: {
          fields: { tensorType: { type: 'Tensor', id: 1 } },
          nested: { Tensor: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } } },
        },
        TensorShapeProto: {
          fields: { dim: repeated('Dimension', 1) },
          nested: { Dimension: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } } },
        },
      },
    },
  },
};

/** TensorProto.DataType. */
export const DTYPE = { FLOAT: 1, BOOL: 9, INT64: 7 } as const;
/** AttributeProto.AttributeType. */
export const ATTR_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

// The plain objects the exporter builds; protobufjs checks and encodes them.
export interface DimensionMsg { dimValue?: number; dimParam?: string }
export interface ValueInfoMsg { name: string; type: { tensorType: { elemType: number; shape: { dim: DimensionMsg[] } } } }
export interface TensorMsg { name: string; dims: number[]; dataType: number; rawData?: Uint8Array; int64Data?: number[] }
export interface AttributeMsg { name: string; type: number; f?: number; i?: number; s?: Uint8Array; floats?: number[]; ints?: number[] }
export interface NodeMsg { name: string; opType: string; input: string[]; output: string[]; attribute: AttributeMsg[]; domain?: string }
export interface GraphMsg { name: string; docString?: string; node: NodeMsg[]; initializer: TensorMsg[]; input: ValueInfoMsg[]; output: ValueInfoMsg[] }
export interface ModelMsg {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsetImport: { domain: string; version: number }[];
  graph: GraphMsg;
}

let modelType: protobuf.Type | null = null;

function ModelProto(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(DESCRIPTOR).lookupType('onnx.ModelProto');
  return modelType;
}

export function encodeModel(model: ModelMsg): Uint8Array {
  const type = ModelProto();
  return type.encode(type.fromObject(model)).finish();
}

/** For tests and tools: the model back as plain objects (int64 as numbers, bytes as arrays). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  const type = ModelProto();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false });
}
