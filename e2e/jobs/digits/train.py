"""Trains a digits classifier epoch by epoch, logging accuracy to the run through the SDK."""
import pickle
import sys
import time

from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

from crucible import Run

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
run = Run.get_context()
x, y = load_digits(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x / 16.0, y, test_size=0.25, random_state=0)
model = SGDClassifier(loss="log_loss", random_state=0)
run.log_params({"epochs": epochs, "model": "sgd"})
for epoch in range(epochs):
    model.partial_fit(x_train, y_train, classes=list(range(10)))
    accuracy = model.score(x_test, y_test)
    run.log("accuracy", accuracy, step=epoch)
    for percent in (25, 50, 75, 100):
        print(f"epoch {epoch} {percent}%", end="\r", flush=True)
    print(f"epoch {epoch}: accuracy={accuracy:.4f}", flush=True)
    time.sleep(0.6)
with open("/crucible/outputs/model.pkl", "wb") as f:
    pickle.dump(model, f)
print("saved outputs/model.pkl")
run.flush()
