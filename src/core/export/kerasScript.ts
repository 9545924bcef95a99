/**
 * "Export Keras code": a Python script that rebuilds the model with tf.keras — the same layers,
 * names and wiring as `buildNetwork`, the losses and loss weights of the heads — and loads the
 * weights of a "Download model (TF.js)" ZIP, so the model can go on training at scale.
 */
import type { ModelSpec } from '../spec/types';

/** A JSON text as a Python string literal (JSON's string escapes are valid Python too). */
const pyString = (text: string) => JSON.stringify(text);

export function kerasScript(spec: ModelSpec, title: string): string {
  const header = `# ${title.replace(/[\r\n]+/g, ' ')}: exported by Multitask Playground.`;
  return `${header}
#
# Rebuilds the model with tf.keras and, when model.json and weights.bin from "Download model
# (TF.js)" sit next to this file, loads the trained weights (each head's temperature is already
# folded into its output layer). Then compile() sets every head's loss and loss weight, ready for
# model.fit(x, [y_task, ...]) -- on one GPU or with tf.distribute strategies.
#
# Inputs: images as float32 [batch, height, width, channels] with pixel values / 255, or token
# ids as int32 [batch, length] (0 = padding, 1 = unknown; see labels.json for the vocabulary).

import json
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

SPEC = json.loads(${pyString(JSON.stringify(spec))})


def input_shape(spec_input):
    if spec_input["kind"] == "image":
        return (spec_input["height"], spec_input["width"], spec_input["channels"]), "float32"
    return (spec_input["maxLength"],), "int32"


def make_layer(layer, name, vocab, rank):
    kind = layer["type"]
    if kind == "dense":
        return layers.Dense(layer["units"], activation=layer["activation"], name=name)
    if kind in ("conv2d", "conv1d"):
        conv = layers.Conv2D if kind == "conv2d" else layers.Conv1D
        return conv(
            layer["filters"],
            layer["kernelSize"],
            strides=layer["strides"],
            padding=layer["padding"],
            activation=layer["activation"],
            name=name,
        )
    if kind == "maxPool2d":
        return layers.MaxPooling2D(layer["poolSize"], strides=layer["strides"], name=name)
    if kind == "flatten":
        return layers.Flatten(name=name)
    if kind == "dropout":
        return layers.Dropout(layer["rate"], name=name)
    if kind == "embedding":
        return layers.Embedding(vocab, layer["outputDim"], name=name)
    if kind == "gru":
        if layer["bidirectional"]:
            # TF.js GRUs compute the reset gate before the matrix product (reset_after=False).
            cell = layers.GRU(
                layer["units"],
                return_sequences=layer["returnSequences"],
                reset_after=False,
                name=name + "_cell",
            )
            return layers.Bidirectional(cell, merge_mode="concat", name=name)
        return layers.GRU(
            layer["units"], return_sequences=layer["returnSequences"], reset_after=False, name=name
        )
    if kind == "globalPool":
        average = layer["mode"] == "average"
        if rank == 4:
            return (layers.GlobalAveragePooling2D if average else layers.GlobalMaxPooling2D)(name=name)
        return (layers.GlobalAveragePooling1D if average else layers.GlobalMaxPooling1D)(name=name)
    if kind == "layerNorm":
        return layers.LayerNormalization(name=name)
    raise ValueError("unknown layer " + kind)


def tower(spec_layers, x, prefix, vocab):
    for i, layer in enumerate(spec_layers):
        x = make_layer(layer, "%s_%d_%s" % (prefix, i, layer["type"]), vocab, len(x.shape))(x)
    return x


def build(spec):
    shape, dtype = input_shape(spec["input"])
    vocab = spec["input"].get("vocabSize", 0)
    inputs = keras.Input(shape=shape, dtype=dtype, name="input")
    trunk = tower(spec["trunk"], inputs, "trunk", vocab)
    readers = {}
    for head in spec["heads"]:
        for group in head.get("gate", {}).get("groups", []):
            readers[group] = readers.get(group, 0) + 1
    rows = {}
    expert_shape = None
    for group in spec["experts"]:
        if readers.get(group["id"], 0) == 0:
            continue
        group_rows = []
        for e in range(group["count"]):
            prefix = "%s_expert%d" % (group["id"], e)
            out = tower(group["layers"], trunk, prefix, vocab)
            expert_shape = tuple(out.shape[1:])
            size = int(np.prod(expert_shape))
            group_rows.append(layers.Reshape((1, size), name=prefix + "_row")(out))
        rows[group["id"]] = group_rows
    gate_input = trunk
    if spec["experts"] and len(trunk.shape) == 3:
        gate_input = layers.GlobalAveragePooling1D(name="gate_input")(trunk)
    stacks = {}
    outputs = []
    for head in spec["heads"]:
        task = head["task"]
        x = trunk
        gate = head.get("gate")
        if gate and spec["experts"]:
            key = "+".join(gate["groups"])
            if key not in stacks:
                stack_rows = [row for g in gate["groups"] for row in rows[g]]
                stacks[key] = layers.Concatenate(axis=1, name="experts_%d" % len(stacks))(stack_rows)
            stacked = stacks[key]
            logits = layers.Dense(stacked.shape[1], name="gate_" + task)(gate_input)
            scaled = layers.Rescaling(1.0 / gate["temperature"], name="gate_%s_temperature" % task)(logits)
            weights = layers.Activation("softmax", name="gate_%s_softmax" % task)(scaled)
            x = layers.Dot(axes=(1, 1), name="mix_" + task)([weights, stacked])
            if len(expert_shape) > 1:
                x = layers.Reshape(expert_shape, name="mix_%s_shape" % task)(x)
        x = tower(head["layers"], x, "head_" + task, vocab)
        name = task + "_output"
        if head["kind"] == "reconstruction":
            size = int(np.prod(shape))
            flat = layers.Dense(size, activation="sigmoid", name=task + "_decoder")(x)
            outputs.append(layers.Reshape(shape, name=name)(flat))
        else:
            outputs.append(layers.Dense(head["units"], name=name)(x))
    return keras.Model(inputs, outputs, name="multitask")


def masked_crossentropy(y_true, logits):
    """Cross-entropy on logits; tagging heads mark padding with the label -1."""
    y_true = tf.cast(y_true, tf.int32)
    mask = tf.cast(y_true >= 0, logits.dtype)
    per_item = tf.keras.losses.sparse_categorical_crossentropy(
        tf.maximum(y_true, 0), logits, from_logits=True
    )
    return tf.reduce_sum(per_item * mask) / tf.maximum(tf.reduce_sum(mask), 1.0)


def focal(gamma, alpha, class_weights=None):
    def loss(y_true, logits):
        y_true = tf.cast(y_true, tf.int32)
        mask = tf.cast(y_true >= 0, logits.dtype)
        safe = tf.maximum(y_true, 0)
        log_p = tf.nn.log_softmax(logits)
        log_pt = tf.gather(log_p, safe, batch_dims=len(safe.shape))
        weight = alpha if class_weights is None else tf.gather(class_weights, safe)
        per_item = -weight * tf.pow(1.0 - tf.exp(log_pt), gamma) * log_pt
        return tf.reduce_sum(per_item * mask) / tf.maximum(tf.reduce_sum(mask), 1.0)

    return loss


def dice(y_true, logits):
    y_true = tf.cast(y_true, tf.int32)
    probabilities = tf.nn.softmax(logits)
    one_hot = tf.one_hot(tf.maximum(y_true, 0), tf.shape(logits)[-1])
    mask = tf.cast(y_true >= 0, logits.dtype)[..., None]
    overlap = tf.reduce_sum(probabilities * one_hot * mask)
    total = tf.reduce_sum((probabilities + one_hot) * mask)
    return 1.0 - (2.0 * overlap + 1.0) / (total + 1.0)


def head_loss(head):
    loss = head["loss"]
    kind = loss["type"]
    if kind == "crossEntropy":
        return masked_crossentropy
    if kind == "focal":
        return focal(loss["gamma"], loss["alpha"])
    if kind == "weightedFocal":
        weights = loss["classWeights"]
        # "inverseFrequency" was computed from the training labels in the app; pass your own.
        return focal(loss["gamma"], 1.0, None if isinstance(weights, str) else tf.constant(weights))
    if kind == "dice":
        return dice
    if kind == "binaryCrossEntropy":
        return "binary_crossentropy"
    return "mse"


def load_tfjs_weights(model, folder):
    """Sets each layer's weights from a TF.js model.json + weights.bin (manifest order)."""
    with open(os.path.join(folder, "model.json")) as f:
        manifest = json.load(f)["weightsManifest"]
    by_layer = {}
    for group in manifest:
        data = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for entry in group["weights"]:
            count = int(np.prod(entry["shape"])) if entry["shape"] else 1
            values = np.frombuffer(data, dtype=np.float32, count=count, offset=offset)
            offset += count * 4
            layer = entry["name"].split("/")[0]
            by_layer.setdefault(layer, []).append(values.reshape(entry["shape"]))
    for name, values in by_layer.items():
        model.get_layer(name).set_weights(values)


if __name__ == "__main__":
    model = build(SPEC)
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.exists(os.path.join(here, "model.json")):
        load_tfjs_weights(model, here)
        print("Loaded the trained weights.")
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=[head_loss(h) for h in SPEC["heads"]],
        loss_weights=[h["weight"] for h in SPEC["heads"]],
    )
    model.summary()
`;
}
