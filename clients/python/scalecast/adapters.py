"""Framework adapters by duck typing: shaped as Hugging Face's TrainerCallback and Lightning's Logger, importing
neither, so a training script passes one to its trainer and its checkpoints reach ScaleCast."""

LOSS_KEYS = ("loss", "train_loss", "train/loss", "training_loss")
LR_KEYS = ("learning_rate", "lr", "train/lr")
PARAMS_KEYS = ("num_params", "n_params", "params", "num_parameters", "model_params")
TOKENS_PER_STEP_KEYS = ("tokens_per_step",)


def _learning_rate(values):
    for key in LR_KEYS:
        if values.get(key) is not None:
            return values[key]
    # Lightning's LearningRateMonitor logs lr-<optimizer>, e.g. lr-AdamW.
    return next((v for k, v in values.items() if k.startswith("lr-") and v is not None), None)


def _loss(values):
    return next((values[k] for k in LOSS_KEYS if values.get(k) is not None), None)


def _evals(values):
    """(benchmark, metric, value) of every key eval/<benchmark>/<metric>."""
    for key, value in values.items():
        parts = key.split("/")
        if len(parts) == 3 and parts[0] == "eval" and value is not None:
            yield parts[1], parts[2], value


class HuggingFaceCallback:
    """A ``transformers.TrainerCallback``-shaped logger: pass it in ``Trainer(callbacks=[...])``.

    ``on_log`` sends the training loss with the learning rate at ``state.global_step``; ``on_evaluate`` sends
    ``eval_loss`` as a checkpoint of metric ``eval_loss`` and every other numeric ``eval_<name>`` as an evaluation of
    ``benchmark`` (default ``eval``) with metric ``<name>``, and ``eval/<benchmark>/<metric>`` keys as named;
    ``on_train_end`` flushes.
    """

    def __init__(self, client, family, run, params, tokens_per_step, benchmark="eval", chance=None):
        self.run = client.run(family, run, params=params, tokens_per_step=tokens_per_step)
        self._client = client
        self.benchmark = benchmark
        self.chance = chance

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        loss = _loss(logs)
        if loss is not None:
            self.run.log(state.global_step, loss=loss, lr=_learning_rate(logs))
        return control

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        metrics = metrics or {}
        step = state.global_step
        for key, value in metrics.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            if key == "eval_loss":
                self.run.log(step, value=value, metric="eval_loss")
            elif key.startswith("eval_") and key[5:] not in ("runtime", "samples_per_second", "steps_per_second"):
                self.run.log_eval(step, self.benchmark, key[5:], value, chance=self.chance)
        for benchmark, metric, value in _evals(metrics):
            self.run.log_eval(step, benchmark, metric, value)
        return control

    def on_train_end(self, args, state, control, **kwargs):
        self._client.flush()
        return control


class LightningLogger:
    """A ``lightning.pytorch.loggers.Logger``-shaped logger: pass it as ``Trainer(logger=...)``.

    ``log_hyperparams`` takes N from ``num_params`` (or ``n_params``, ``params``, ...) and ``tokens_per_step``;
    ``log_metrics`` sends ``loss``/``train_loss`` with the learning rate (``lr`` or Lightning's ``lr-<optimizer>``)
    as a checkpoint and ``eval/<benchmark>/<metric>`` as evaluations; ``finalize`` flushes.
    """

    def __init__(self, client, family, run, params=None, tokens_per_step=None):
        self._client = client
        self.family = family
        self.run_name = run
        self.params = params
        self.tokens_per_step = tokens_per_step
        self._run = None

    @property
    def name(self):
        return self.family

    @property
    def version(self):
        return self.run_name

    @property
    def experiment(self):
        return self._client

    def log_hyperparams(self, params, *args, **kwargs):
        values = params if isinstance(params, dict) else vars(params)
        self.params = next((values[k] for k in PARAMS_KEYS if values.get(k) is not None), self.params)
        self.tokens_per_step = next((values[k] for k in TOKENS_PER_STEP_KEYS if values.get(k) is not None),
                                    self.tokens_per_step)
        self._run = None

    def log_metrics(self, metrics, step=None):
        if step is None:
            raise ValueError("step: Lightning gives every log_metrics call a step; this one had none")
        run = self._handle()
        loss = _loss(metrics)
        if loss is not None:
            run.log(int(step), loss=loss, lr=_learning_rate(metrics))
        for benchmark, metric, value in _evals(metrics):
            run.log_eval(int(step), benchmark, metric, value)

    def save(self):
        pass

    def finalize(self, status):
        self._client.flush()

    def _handle(self):
        if self._run is None:
            self._run = self._client.run(self.family, self.run_name, params=self.params,
                                         tokens_per_step=self.tokens_per_step)
        return self._run
