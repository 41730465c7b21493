"""CLV fitters with the interface of the lifetimes package.

A lifetimes user switches by changing the import::

    from klantwijs.fitters import BetaGeoFitter, GammaGammaFitter

The fits and predictions are the library's (kw_clv_fit_model,
kw_clv_p_alive, kw_clv_expected, ...); NumPy arrays go to the library and
come back without a per-row copy. Names of the parameters follow the
papers, as lifetimes does: BG/NBD and MBG/NBD r, alpha, a, b; Pareto/NBD
r, alpha, s, beta; BG/BB alpha, beta, gamma, delta; Gamma-Gamma p, q, v
(the library calls the last one gamma).
"""
import numpy as np

from ._core import Context, as_doubles, owned
from ._native import ffi, lib

_MODELS = {"bgnbd": lib.KW_CLV_BGNBD, "mbgnbd": lib.KW_CLV_MBGNBD,
           "pnbd": lib.KW_CLV_PNBD, "bgbb": lib.KW_CLV_BGBB,
           "gg": lib.KW_CLV_GG}


def _index_of(*arrays):
    for a in arrays:
        if hasattr(a, "index") and not callable(a.index):
            return a.index
    return None


def _wrap(values, index):
    if index is None:
        return values
    import pandas as pd
    return pd.Series(values, index=index)


class BaseFitter:
    """What every fitter shares: the fit object, params_, summary."""

    _model = None
    _param_names = ()

    def __init__(self, penalizer_coef=0.0, n_starts=4, threads=None,
                 seed=None):
        self.penalizer_coef = float(penalizer_coef)
        self.n_starts = int(n_starts)
        self._ctx = Context(threads=threads, seed=seed)
        self._fit = None

    # ------------------------------------------------------------ fitting
    def _options(self, initial_params):
        o = ffi.new("kw_clv_fit_options *")
        lib.kw_clv_fit_options_init(o)
        o.penalty = self.penalizer_coef
        o.n_starts = self.n_starts
        keep = None
        if initial_params is not None:
            keep = ffi.new("double[]", [float(v) for v in initial_params])
            o.init = keep
        return o, keep

    def _adopt(self, out):
        self._fit = owned(self._ctx, out[0], lib.kw_clv_fit_free)
        r = lib.kw_clv_fit_result(self._fit)
        k = int(r.n_params)
        import pandas as pd
        self.params_ = pd.Series([r.params[i] for i in range(k)],
                                 index=list(self._param_names), dtype=float)
        se = [r.se[i] if r.se_ok else np.nan for i in range(k)]
        self.standard_errors_ = pd.Series(se, index=self.params_.index)
        self.log_likelihood_ = float(r.loglik)
        self.AIC_ = float(r.aic)
        self.BIC_ = float(r.bic)
        self.converged_ = bool(r.converged)
        self.iterations_ = int(r.iterations)
        self.n_patterns_ = int(r.n_patterns)
        return self

    @property
    def summary(self):
        """coef, se(coef) and the 95% Wald interval, as lifetimes."""
        import pandas as pd
        self._need_fit()
        z = 1.959963984540054
        df = pd.DataFrame({"coef": self.params_,
                           "se(coef)": self.standard_errors_})
        df["lower 95% bound"] = df["coef"] - z * df["se(coef)"]
        df["upper 95% bound"] = df["coef"] + z * df["se(coef)"]
        return df

    def close(self):
        """Free the fit now (also done when the object is collected)."""
        if self._fit is not None:
            ffi.release(self._fit)
            self._fit = None

    def _need_fit(self):
        if self._fit is None:
            raise ValueError("the model is not fitted yet: call fit() first")

    def __repr__(self):
        if self._fit is None:
            return f"<klantwijs.{type(self).__name__}: not fitted>"
        p = ", ".join(f"{k}: {v:.2f}" for k, v in self.params_.items())
        return f"<klantwijs.{type(self).__name__}: {p}>"

    @classmethod
    def from_params(cls, params, **kw):
        """A fitter with known parameters (no data), for predictions."""
        self = cls(**kw)
        vals = [float(params[k]) for k in cls._param_names] \
            if hasattr(params, "keys") else [float(v) for v in params]
        arr = ffi.new("double[]", vals)
        out = ffi.new("kw_clv_fit **")
        self._ctx.check(lib.kw_clv_fit_from_params(
            self._ctx.ptr, _MODELS[cls._model], arr, out))
        return self._adopt(out)


class _PurchaseFitter(BaseFitter):
    """BG/NBD-family fitters: frequency, recency and T per customer."""

    def fit(self, frequency, recency, T, weights=None, initial_params=None,
            verbose=False, **kwargs):
        x = as_doubles(frequency, "frequency")
        t_x = as_doubles(recency, "recency")
        TT = as_doubles(T, "T")
        if not (len(x) == len(t_x) == len(TT)):
            raise ValueError("frequency, recency and T differ in length")
        w = None if weights is None else as_doubles(weights, "weights")
        o, keep = self._options(initial_params)
        out = ffi.new("kw_clv_fit **")
        wp = ffi.NULL if w is None else ffi.from_buffer("double[]", w)
        self._ctx.check(lib.kw_clv_fit_model(
            self._ctx.ptr, _MODELS[self._model],
            ffi.from_buffer("double[]", x), ffi.from_buffer("double[]", t_x),
            ffi.from_buffer("double[]", TT), wp, len(x), o, out))
        del keep
        return self._adopt(out)

    def _per_customer(self, fn, frequency, recency, T, *extra):
        self._need_fit()
        x = as_doubles(frequency, "frequency")
        t_x = as_doubles(recency, "recency")
        TT = as_doubles(T, "T")
        n = len(x)
        if not (n == len(t_x) == len(TT)):
            raise ValueError("frequency, recency and T differ in length")
        out = np.empty(n, np.float64)
        self._ctx.check(fn(self._ctx.ptr, self._fit,
                           ffi.from_buffer("double[]", x),
                           ffi.from_buffer("double[]", t_x),
                           ffi.from_buffer("double[]", TT), n, *extra,
                           ffi.from_buffer("double[]", out)))
        return _wrap(out, _index_of(frequency, recency, T))

    def conditional_probability_alive(self, frequency, recency, T):
        """P(alive at T | frequency, recency, T)."""
        return self._per_customer(lib.kw_clv_p_alive, frequency, recency, T)

    def conditional_expected_number_of_purchases_up_to_time(
            self, t, frequency, recency, T):
        """E[Y(t) | frequency, recency, T]: purchases in (T, T + t]."""
        return self._per_customer(lib.kw_clv_expected, frequency, recency,
                                  T, float(t))

    predict = conditional_expected_number_of_purchases_up_to_time

    def conditional_probability_of_n_purchases_up_to_time(
            self, n, t, frequency, recency, T):
        """P(Y(t) = n | frequency, recency, T)."""
        return self._per_customer(lib.kw_clv_prob_count, frequency, recency,
                                  T, float(t), int(n))

    def expected_number_of_purchases_up_to_time(self, t):
        """E[X(t)]: repeat purchases of a new customer in (0, t]; t may be
        a number or an array."""
        self._need_fit()
        ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
        out = np.empty(len(ts))
        v = ffi.new("double *")
        for i, ti in enumerate(ts):
            self._ctx.check(lib.kw_clv_population(self._ctx.ptr, self._fit,
                                                  float(ti), v))
            out[i] = v[0]
        return out if np.ndim(t) else float(out[0])


class BetaGeoFitter(_PurchaseFitter):
    """BG/NBD (Fader, Hardie & Lee 2005)."""
    _model = "bgnbd"
    _param_names = ("r", "alpha", "a", "b")


class ModifiedBetaGeoFitter(_PurchaseFitter):
    """MBG/NBD (Batislam, Denizel & Filiztekin 2007)."""
    _model = "mbgnbd"
    _param_names = ("r", "alpha", "a", "b")


class ParetoNBDFitter(_PurchaseFitter):
    """Pareto/NBD (Schmittlein, Morrison & Colombo 1987)."""
    _model = "pnbd"
    _param_names = ("r", "alpha", "s", "beta")


class BetaGeoBetaBinomFitter(_PurchaseFitter):
    """BG/BB for discrete opportunities (Fader, Hardie & Shang 2010):
    fit(frequency, recency, n_periods) with whole periods."""
    _model = "bgbb"
    _param_names = ("alpha", "beta", "gamma", "delta")

    def fit(self, frequency, recency, n_periods, weights=None,
            initial_params=None, verbose=False, **kwargs):
        return super().fit(frequency, recency, n_periods, weights,
                           initial_params)

    def conditional_expected_number_of_purchases_up_to_time(
            self, m_periods_in_future, frequency, recency, n_periods):
        return super().conditional_expected_number_of_purchases_up_to_time(
            m_periods_in_future, frequency, recency, n_periods)

    predict = conditional_expected_number_of_purchases_up_to_time


class GammaGammaFitter(BaseFitter):
    """Gamma-Gamma spend model (Fader, Hardie & Lee 2005b): fit on repeat
    buyers' frequency and mean repeat spend."""
    _model = "gg"
    _param_names = ("p", "q", "v")

    def fit(self, frequency, monetary_value, weights=None,
            initial_params=None, verbose=False, q_constraint=False,
            **kwargs):
        x = as_doubles(frequency, "frequency")
        z = as_doubles(monetary_value, "monetary_value")
        if len(x) != len(z):
            raise ValueError("frequency and monetary_value differ in length")
        w = None if weights is None else as_doubles(weights, "weights")
        o, keep = self._options(initial_params)
        out = ffi.new("kw_clv_fit **")
        wp = ffi.NULL if w is None else ffi.from_buffer("double[]", w)
        self._ctx.check(lib.kw_clv_fit_spend(
            self._ctx.ptr, ffi.from_buffer("double[]", x),
            ffi.from_buffer("double[]", z), wp, len(x), o, out))
        del keep
        return self._adopt(out)

    def conditional_expected_average_profit(self, frequency=None,
                                            monetary_value=None):
        """E[Z | x, zbar], the population mean for x = 0."""
        self._need_fit()
        if frequency is None:
            p, q, v = self.params_
            return p * v / (q - 1)
        x = as_doubles(frequency, "frequency")
        z = as_doubles(monetary_value, "monetary_value")
        out = np.empty(len(x))
        self._ctx.check(lib.kw_clv_spend(
            self._ctx.ptr, self._fit, ffi.from_buffer("double[]", x),
            ffi.from_buffer("double[]", z), len(x),
            ffi.from_buffer("double[]", out)))
        return _wrap(out, _index_of(frequency, monetary_value))

    def customer_lifetime_value(self, transaction_prediction_model,
                                frequency, recency, T, monetary_value,
                                time=12, discount_rate=0.01, freq="D"):
        """Discounted value over ``time`` months, as lifetimes computes it:
        the expected purchases of each month (30 days, 4.345 weeks) times
        the expected spend, discounted at ``discount_rate`` a month."""
        factor = {"W": 4.345, "M": 1.0, "D": 30.0, "H": 30.0 * 24}[freq]
        spend = np.asarray(self.conditional_expected_average_profit(
            frequency, monetary_value), dtype=float)
        m = transaction_prediction_model
        clv = np.zeros(len(spend))
        prev = np.zeros(len(spend))
        for month in range(1, int(time) + 1):
            cur = np.asarray(
                m.conditional_expected_number_of_purchases_up_to_time(
                    month * factor, frequency, recency, T), dtype=float)
            clv += spend * (cur - prev) / (1 + discount_rate) ** month
            prev = cur
        return _wrap(clv, _index_of(frequency, recency, T, monetary_value))
