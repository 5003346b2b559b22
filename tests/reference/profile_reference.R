# Reference figures for tests/core/test_profile_stats.py, computed with R 4.2.2 and survey 4.1.1:
#   Rscript tests/reference/profile_reference.R
# R is NOT a project requirement: the figures it prints are kept in the test as numbers.
suppressMessages(library(survey))
options(digits = 15)
cl <- c(1,1,1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3)
w  <- c(1.2,0.8,2.5,1.0,0.6,1.9,1.1,0.7,3.0,1.4,0.9,1.6,2.2,0.5,1.3,1.8,0.4,2.7,1.05,0.95)
y  <- c(1,0,1,1,0,0,1,0,1,1,0,1,0,0,1,0,0,1,1,0)
q  <- c(0.40, 0.35, 0.25)   # base shares of clusters 1, 2, 3
d  <- data.frame(cl = factor(cl), w = w, y = y)
des <- svydesign(ids = ~1, weights = ~w, data = d)   # with replacement
z <- qnorm(0.975)
cat("# weighted share of each cluster: p, SE (svymean), index CI on the log scale\n")
for (k in 1:3) {
  m <- svymean(~I(cl == k), des)
  p <- unname(coef(m)[2]); se <- unname(SE(m)[2])
  idx <- 100 * p / q[k]
  cat(sprintf("share %d: p=%.15g se=%.15g low=%.15g high=%.15g\n", k, p, se,
              idx * exp(-z * se / p), idx * exp(z * se / p)))
}
cat("# weighted rate of y in each cluster (domain means, svyby) with Wald CI\n")
r <- svyby(~y, ~cl, des, svymean)
ci <- confint(r)
for (k in 1:3) cat(sprintf("rate %d: p=%.15g se=%.15g low=%.15g high=%.15g\n", k,
                           coef(r)[k], SE(r)[k], ci[k, 1], ci[k, 2]))
m <- svymean(~y, des)
cat(sprintf("rate all: p=%.15g se=%.15g\n", coef(m), SE(m)))
cat("# Wilson (prop.test, no continuity correction) and Clopper-Pearson (binom.test)\n")
for (x in c(0, 3, 20)) {
  pt <- prop.test(x, 20, p = 0.3, correct = FALSE)
  bt <- binom.test(x, 20, p = 0.3)
  central <- min(1, 2 * min(pbinom(x, 20, 0.3), pbinom(x - 1, 20, 0.3, lower.tail = FALSE)))
  cat(sprintf("x=%d: wilson=(%.15g, %.15g) score_p=%.15g cp=(%.15g, %.15g) central_p=%.15g\n",
              x, pt$conf.int[1], pt$conf.int[2], pt$p.value, bt$conf.int[1], bt$conf.int[2],
              central))
}
cat("# p.adjust\n")
pv <- c(0.01, 0.04, 0.03, 0.20, 0.002, 0.5, 0.04)
cat("BH:", sprintf("%.15g", p.adjust(pv, "BH")), "\n")
cat("holm:", sprintf("%.15g", p.adjust(pv, "holm")), "\n")
cat("# two-proportion test, group vs rest (unweighted): prop.test(correct = FALSE)\n")
pt <- prop.test(c(12, 18), c(30, 70), correct = FALSE)
cat(sprintf("group-vs-rest p=%.15g\n", pt$p.value))
cat("# weighted share of each cluster among the records with y = 1 (a domain: subset())\n")
sub <- subset(des, y == 1)
for (k in 1:3) {
  m <- svymean(~I(cl == k), sub)
  cat(sprintf("domain share %d: p=%.15g se=%.15g\n", k, coef(m)[2], SE(m)[2]))
}
cat("# weighted test of each cluster's rate against the rest: svyby(covmat = TRUE), svycontrast\n")
for (k in 1:3) {
  d$g <- factor(ifelse(d$cl == k, "in", "out"), levels = c("in", "out"))
  des2 <- svydesign(ids = ~1, weights = ~w, data = d)
  r2 <- svyby(~y, ~g, des2, svymean, covmat = TRUE)
  ct <- svycontrast(r2, c(1, -1))
  cat(sprintf("vs rest %d: diff=%.15g se=%.15g p=%.15g\n", k, coef(ct), SE(ct),
              2 * pnorm(-abs(coef(ct) / SE(ct)))))
}
