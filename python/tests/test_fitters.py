"""CLV fitters: published estimates on the CDNOW sample (Fader, Hardie & Lee
2005; Fader & Hardie's Pareto/NBD note; FHL 2005b for Gamma-Gamma), and the
lifetimes interface."""
import numpy as np
import pandas as pd
import pytest

from klantwijs.fitters import (BetaGeoBetaBinomFitter, BetaGeoFitter,
                               GammaGammaFitter, ModifiedBetaGeoFitter,
                               ParetoNBDFitter)

from conftest import shared


PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


@pytest.fixture(scope="module")
def cdnow():
    return pd.read_csv(shared("lifetimes", "cdnow_customers_summary.csv"))


@pytest.fixture(scope="module")
def cdnow_spend():
    return pd.read_csv(shared("lifetimes",
                              "cdnow_customers_summary_with_transactions.csv"))


def test_bgnbd_cdnow_published(cdnow):
    f = BetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    # FHL (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL -9582.4
    # (equal to the published digits: within half a unit of the last one)
    assert f.params_["r"] == pytest.approx(PUBLISHED["r"], abs=5e-4)
    assert f.params_["alpha"] == pytest.approx(PUBLISHED["alpha"], abs=5e-4)
    assert f.params_["a"] == pytest.approx(PUBLISHED["a"], abs=5e-4)
    assert f.params_["b"] == pytest.approx(PUBLISHED["b"], abs=5e-4)
    assert f.log_likelihood_ == pytest.approx(-9582.4, abs=0.1)
    assert f.converged_
    # FHL (2005) p. 281: x = 2, t_x = 30.43, T = 38.86 -> E[Y(39)] = 1.226
    e = f.conditional_expected_number_of_purchases_up_to_time(
        39, [2.0], [30.43], [38.86])
    assert e[0] == pytest.approx(1.226, abs=1e-3)
    s = f.summary
    assert list(s.columns) == ["coef", "se(coef)", "lower 95% bound",
                               "upper 95% bound"]
    assert (s["lower 95% bound"] < s["coef"]).all()


def test_bgnbd_cdnow_from_the_event_log():
    """The whole path: the raw CDNOW sample log (2,357 customers) read by
    load(), summarised in weeks up to the end of the 39-week calibration
    period, fitted: the published estimates again."""
    import klantwijs
    ds = klantwijs.load(shared("BTYD", "cdnowElog.csv"),
                        map={"customer": "sampleid", "amount": "sales"})
    s = ds.summary(unit="week", as_of="1997-09-30")
    assert len(s) == 2357
    # per customer the same (x, t_x, T) as the published summary file
    ref = pd.read_csv(shared("lifetimes", "cdnow_customers_summary.csv"))
    s = s.loc[ref["ID"].astype(str)]
    np.testing.assert_array_equal(s["x"], ref["frequency"])
    np.testing.assert_allclose(s["t_x"], ref["recency"], atol=5e-3)
    np.testing.assert_allclose(s["T"], ref["T"], atol=5e-3)
    f = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
    for k, v in PUBLISHED.items():
        assert f.params_[k] == pytest.approx(v, abs=5e-4), k
    assert f.log_likelihood_ == pytest.approx(-9582.4, abs=0.1)


def test_bgnbd_predictions_against_closed_form(cdnow):
    """P(alive) and E[X(t)] recomputed here from the BG/NBD formulas."""
    from scipy_free import bgnbd_p_alive, bgnbd_expected_new
    f = BetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    r, alpha, a, b = f.params_
    x, tx, T = (cdnow[c].to_numpy() for c in ("frequency", "recency", "T"))
    got = f.conditional_probability_alive(x, tx, T)
    want = bgnbd_p_alive(r, alpha, a, b, x, tx, T)
    np.testing.assert_allclose(got, want, rtol=1e-10)
    assert f.expected_number_of_purchases_up_to_time(39) == pytest.approx(
        bgnbd_expected_new(r, alpha, a, b, 39.0), rel=1e-8)


def test_pareto_nbd_cdnow_published(cdnow):
    f = ParetoNBDFitter().fit(cdnow["frequency"], cdnow["recency"],
                              cdnow["T"])
    # Fader & Hardie, "A note on implementing the Pareto/NBD model in
    # MATLAB": r = 0.5533, alpha = 10.5776, s = 0.6061, beta = 11.6650,
    # LL = -9594.98
    assert f.params_["r"] == pytest.approx(0.5533, abs=2e-3)
    assert f.params_["alpha"] == pytest.approx(10.578, abs=3e-2)
    assert f.params_["s"] == pytest.approx(0.6061, abs=3e-3)
    assert f.params_["beta"] == pytest.approx(11.665, abs=1e-1)
    assert f.log_likelihood_ == pytest.approx(-9594.98, abs=0.05)


def test_mbgnbd_fits_and_predicts(cdnow):
    f = ModifiedBetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"],
                                    cdnow["T"])
    assert f.converged_
    # BTYDplus's mbgnbd estimates on the same data (r, alpha, a, b =
    # 0.525, 6.183, 0.891, 1.614), also lifetimes' reference
    for k, v in {"r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}.items():
        assert f.params_[k] == pytest.approx(v, abs=5e-4), k
    p = f.conditional_probability_alive(cdnow["frequency"], cdnow["recency"],
                                        cdnow["T"])
    assert ((p > 0) & (p <= 1)).all()


def test_gamma_gamma_cdnow_published(cdnow_spend):
    d = cdnow_spend[cdnow_spend["x"] > 0]
    g = GammaGammaFitter().fit(d["x"], d["zbar"])
    # FHL (2005b): p = 6.25, q = 3.74, gamma = 15.44
    assert g.params_["p"] == pytest.approx(6.25, abs=0.01)
    assert g.params_["q"] == pytest.approx(3.74, abs=0.01)
    assert g.params_["v"] == pytest.approx(15.44, abs=0.02)
    p, q, v = g.params_
    z = g.conditional_expected_average_profit(d["x"], d["zbar"])
    want = (p * (v + d["x"] * d["zbar"])) / (p * d["x"] + q - 1)
    np.testing.assert_allclose(z, want, rtol=1e-12)
    assert list(z.index) == list(d.index)


def test_customer_lifetime_value_as_lifetimes(cdnow_spend):
    d = cdnow_spend
    bgf = BetaGeoFitter().fit(d["x"], d["t_x"], d["T"])
    rep = d[d["x"] > 0]
    g = GammaGammaFitter().fit(rep["x"], rep["zbar"])
    clv = g.customer_lifetime_value(bgf, d["x"], d["t_x"], d["T"],
                                    d["zbar"], time=12, discount_rate=0.01,
                                    freq="W")
    # lifetimes' definition, recomputed term by term
    spend = g.conditional_expected_average_profit(d["x"], d["zbar"])
    want = np.zeros(len(d))
    for m in range(1, 13):
        e1 = bgf.predict(m * 4.345, d["x"], d["t_x"], d["T"])
        e0 = bgf.predict((m - 1) * 4.345, d["x"], d["t_x"], d["T"])
        want += spend * (e1 - e0) / 1.01 ** m
    np.testing.assert_allclose(clv, want, rtol=1e-12)
    assert (clv >= 0).all()


def test_bgbb_donations_published():
    d = pd.read_csv(shared("lifetimes", "donations.csv"))
    f = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"],
                                     d["periods"], weights=d["weights"])
    # Fader, Hardie & Shang (2010): alpha 1.204, beta 0.750, gamma 0.657,
    # delta 2.783, LL -33,225.6
    assert f.params_["alpha"] == pytest.approx(1.204, abs=2e-3)
    assert f.params_["beta"] == pytest.approx(0.750, abs=2e-3)
    assert f.params_["gamma"] == pytest.approx(0.657, abs=2e-3)
    assert f.params_["delta"] == pytest.approx(2.783, abs=5e-3)
    assert f.log_likelihood_ == pytest.approx(-33225.6, abs=0.1)


def test_from_params_and_unfitted():
    f = BetaGeoFitter()
    with pytest.raises(ValueError):
        f.conditional_probability_alive([1], [1], [2])
    g = BetaGeoFitter.from_params({"r": 0.2426, "alpha": 4.414,
                                   "a": 0.7929, "b": 2.426})
    assert g.params_["b"] == pytest.approx(2.426)
