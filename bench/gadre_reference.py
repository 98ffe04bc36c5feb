#!/usr/bin/env python3
"""Reference numbers for OvertrainingFitterTest: Gadre et al.'s loss-law recipe with scipy's curve_fit.

Per training set: the 5 models (0.011B, 0.079B, 0.154B, 0.411B at M = 20, and 0.011B at M = 320), the form
L = E + a*N^p + b*6^(p/2)*(M*N)^p, Levenberg-Marquardt from 128 starts, the lowest RMSE with n - 2 degrees of
freedom; then the relative error on the 1.4B model at its largest M and the 6.9B model at M = 20.
Usage: python3 bench/gadre_reference.py data/gadre-overtraining/gadre_models.csv
"""
import csv
import itertools
import sys

import numpy as np
from scipy.optimize import curve_fit

rows = list(csv.DictReader(open(sys.argv[1])))
def f(x, E, a, b, p):
    n, m = x
    return E + a * n**p + b * 6**(p/2) * (m*n)**p
small = {'d=96_l=8_h=4':0.011,'d=512_l=8_h=4':0.079,'d=576_l=24_h=8':0.154,'d=1024_l=24_h=8':0.411}
for ds in ['c4_original','rpj','rw_original']:
    R=[r for r in rows if r['dataset']==ds]
    pts=[r for r in R if r['model'] in small and float(r['chinchilla_multiplier'])==1.0] + [r for r in R if r['model']=='d=96_l=8_h=4' and float(r['chinchilla_multiplier'])==16.0]
    N=np.array([float(r['params']) for r in pts]); M=np.array([float(r['token_multiplier']) for r in pts]); L=np.array([float(r['loss_c4_val']) for r in pts])
    best=None
    for a,b,p,E in itertools.product([1e2,3e2,1e3,3e3],[1e2,3e2,1e3,3e3],[-0.1,-0.3],[0,1,2,10]):
        try:
            popt,_=curve_fit(f,(N,M),L,p0=[E,a,b,p],maxfev=10000)
        except RuntimeError:
            continue
        rmse=np.sqrt(np.sum((f((N,M),*popt)-L)**2)/(len(L)-2))
        if best is None or rmse<best[0]: best=(rmse,popt)
    t1=[r for r in R if r['model']=='open_lm_1b']; t1=max(t1,key=lambda r: float(r['token_multiplier']))
    t7=[r for r in R if r['model']=='open_lm_7b' and float(r['chinchilla_multiplier'])==1.0]
    out=[]
    for t in [t1]+t7:
        pred=f((float(t['params']),float(t['token_multiplier'])),*best[1]); obs=float(t['loss_c4_val'])
        out.append((t['name'], obs, pred, 100*abs(pred-obs)/obs))
    print(ds, len(pts), 'params', best[1], 'rmse', best[0]); [print('   ', o) for o in out]


def err_law(loss, eps, k, gamma):
    return eps - k * np.exp(-gamma * loss)


def downstream(path):
    """The error law on the 17-task average: 6 models (the loss law's 5 plus 1.4B at M = 20), start (1, 1, 1);
    the chained prediction (N, M) -> loss law -> error law for the 1.4B model at its largest M and 6.9B at M = 20."""
    rows = list(csv.DictReader(open(path)))
    for ds in ['c4_original', 'rpj', 'rw_original']:
        R = [r for r in rows if r['dataset'] == ds]
        five = [r for r in R if r['model'] in small and float(r['chinchilla_multiplier']) == 1.0] + \
               [r for r in R if r['model'] == 'd=96_l=8_h=4' and float(r['chinchilla_multiplier']) == 16.0]
        six = five + [r for r in R if r['model'] == 'open_lm_1b' and float(r['chinchilla_multiplier']) == 1.0]
        N = np.array([float(r['params']) for r in five]); M = np.array([float(r['token_multiplier']) for r in five])
        L = np.array([float(r['loss_c4_val']) for r in five])
        best = None
        for a, b, p, E in itertools.product([1e2, 3e2, 1e3, 3e3], [1e2, 3e2, 1e3, 3e3], [-0.1, -0.3], [0, 1, 2, 10]):
            try:
                popt, _ = curve_fit(f, (N, M), L, p0=[E, a, b, p], maxfev=10000)
            except RuntimeError:
                continue
            rmse = np.sqrt(np.sum((f((N, M), *popt) - L) ** 2) / (len(L) - 2))
            if best is None or rmse < best[0]:
                best = (rmse, popt)
        el = np.array([float(r['loss_c4_val']) for r in six]); ee = np.array([float(r['err_avg17']) for r in six])
        eopt, _ = curve_fit(err_law, el, ee, p0=[1, 1, 1], maxfev=10000)
        t1 = max([r for r in R if r['model'] == 'open_lm_1b'], key=lambda r: float(r['token_multiplier']))
        t7 = [r for r in R if r['model'] == 'open_lm_7b' and float(r['chinchilla_multiplier']) == 1.0]
        print(ds, 'error law', eopt)
        for t in [t1] + t7:
            pred = err_law(f((float(t['params']), float(t['token_multiplier'])), *best[1]), *eopt)
            obs = float(t['err_avg17'])
            print('   ', t['name'], obs, pred, 100 * abs(pred - obs) / obs)


downstream(sys.argv[1])
